// The languages the labelled reader knows, in the order they are tried. A new language is a new lexicon file
// listed here.
import { ja } from "./ja";
import { ko } from "./ko";
import type { Lexicon } from "./types";

export const LEXICONS: Lexicon[] = [ja, ko];

export type { Lexicon };
