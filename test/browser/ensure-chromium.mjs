// `npm test` step: makes sure a Chromium is there for the browser tests (Debian's package; Playwright's own
// browser download does not work without internet). Does nothing when one is already installed.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";

const wanted = process.env.CHROMIUM_PATH || "/usr/bin/chromium";

function run(command, args) {
  console.log(`ensure-chromium: ${[command, ...args].join(" ")}`);
  const result = spawnSync(command, args, {
    stdio: "inherit",
    env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" },
  });
  return result.status === 0;
}

function fail(why) {
  console.error(`\nensure-chromium: ${why}
The browser tests need Chromium. Install it yourself and run npm test again:
  Debian/Ubuntu:  sudo apt-get install -y chromium
  elsewhere:      install Chromium or Chrome and set CHROMIUM_PATH=/path/to/the/browser\n`);
  process.exit(1);
}

/** No font with Chinese glyphs means zh-CN screenshots full of empty boxes: worth a small font package. */
function hasChineseFont() {
  const list = spawnSync("fc-list", [":lang=zh"], { encoding: "utf8" });
  return list.status !== 0 || list.stdout.trim() !== "";
}

const packages = [...(existsSync(wanted) ? [] : ["chromium"]), ...(hasChineseFont() ? [] : ["fonts-wqy-zenhei"])];
if (packages.length === 0) process.exit(0);
const needBrowser = packages.includes("chromium");
// Only the browser is required; a missing font is worth a warning, not a failed test run.
function warnAndGoOn(why) {
  console.warn(`ensure-chromium: ${why} (Chinese text in screenshots will show as boxes)`);
  process.exit(0);
}
const giveUp = needBrowser ? fail : warnAndGoOn;
if (process.env.CHROMIUM_PATH && needBrowser) fail(`CHROMIUM_PATH=${wanted} does not exist.`);
if (!existsSync("/usr/bin/apt-get")) giveUp(`no apt-get to install ${packages.join(" ")} with.`);

// As root run apt-get directly; otherwise through sudo, without a password prompt (-n) so CI never hangs.
const isRoot = process.getuid?.() === 0;
if (!isRoot && spawnSync("sudo", ["-n", "true"]).status !== 0) {
  giveUp(`installing ${packages.join(" ")} needs root (sudo without a password is not available).`);
}
const [command, prefix] = isRoot ? ["apt-get", []] : ["sudo", ["-n", "apt-get"]];
// A fresh machine often has no package lists yet; try the install first and update only if it fails.
const install = () => run(command, [...prefix, "install", "-y", ...packages]);
const installed = install() || (run(command, [...prefix, "update"]) && install());
if (!installed || !existsSync(wanted)) giveUp(`apt-get could not install ${packages.join(" ")} (see above).`);
console.log(`ensure-chromium: installed ${packages.join(" ")}`);
