// Bank and card alerts in Latin-script languages (../card-alert.ts): a card transaction alert, a purchase receipt
// from a card app, a merchant credit, a debit-card purchase SMS, a banking-app push about a new debit. Per
// language: the words that say money left or came back, the words of a card check or hold (no money taken), the
// labels of the alert's rows, the preposition before the payee in a sentence ("at", "bei", "chez", "en",
// "presso") and the words that tell a debit card from a credit card. Words are matched whole, in any case.
// Pure data: another language is another entry.

export interface AlertLexicon {
  /** BCP 47 tag: which date order a labelled date is read in ("en" month first, the others day first). */
  language: string;
  /** Money taken: "transaction", "Kartenzahlung", "paiement par carte", "compra", "pagamento con carta". */
  charge: string[];
  /** Money given back by a merchant: "merchant credit", "Gutschrift", "remboursement", "devolución", "storno". */
  refund: string[];
  /** A card check or hold, released later: never a charge. */
  hold: string[];
  /** A declined or failed payment: no money moved. */
  declined: string[];
  /** Words that name a one-time code beside its digits ("il codice 123456 autorizza…"): no money moved yet. */
  code: string[];
  /** What a merchant's own notice says, which a bank's alert does not: left to the receipt readers. */
  receipt: string[];
  /** Row labels, matched whole (case and spacing aside). */
  labels: {
    merchant: string[];
    amount: string[];
    card: string[];
    reference: string[];
    date: string[];
  };
  /** Words just before a figure that make it no amount charged: a balance, an available credit. */
  notAmount: string[];
  /** The words that lead from the amount to the payee in a sentence: "$4.99 at {payee}". */
  at: string[];
  /** Words that lead to the payee only straight after the amount ("4,99 EUR de PUBLICO"): elsewhere they are any
   *  "of" ("tarjeta de crédito"). */
  atNext?: string[];
  /** Words the payee's name ends before: a status ("approved", "accepté") or the card ("with your card"). */
  after: string[];
  /** Words the payee's name ends before when a figure follows: a date, a time or the amount ("le 03/10", "for $4.99"). */
  beforeFigure: string[];
  /** Words in running text that name a card or an account, or its balance: an alert is about one. */
  cards: string[];
  channels: { debit: string[]; credit: string[] };
}

export const ALERT_LEXICONS: AlertLexicon[] = [
  {
    language: "en",
    charge: [
      "transaction",
      "purchase",
      "you spent",
      "spent",
      "you made a",
      "charge of",
      "was charged",
      "card was used",
      "card payment",
      "debit card payment",
      "card transaction",
      // The card or account named first, the spending after it: "R99.00 paid from cheq a/c…", "card … was used for".
      "paid from",
      "debited from",
      "was used",
      // "$16.99 payment to STAN.COM.AU from card ending 4455": the payee after the word, the card after it.
      "payment to",
    ],
    refund: [
      "merchant credit",
      "credit from a merchant",
      "credit has been posted",
      "credit was posted",
      "credit posted",
      "refund",
      "refunded",
      "return credit",
    ],
    hold: [
      "verification hold",
      "authorization hold",
      "authorisation hold",
      "pre-authorization",
      "pre-authorisation",
      "preauthorization",
      "preauthorisation",
      "pending authorization",
      "pending authorisation",
      "temporary hold",
      "card check",
      "card verification",
      "checked your card",
      // Money set aside, not taken ("R1,850.00 reserved for purchase @ …"); never "All rights reserved".
      "reserved for",
      "has been reserved",
      "was reserved",
      "amount reserved",
    ],
    declined: ["declined", "was not approved", "couldn't be completed", "could not be completed"],
    code: [
      "one-time passcode",
      "one-time password",
      "one-time code",
      "passcode",
      "otp",
      "verification code",
      "security code",
    ],
    receipt: [
      "receipt",
      "invoice",
      "subscription",
      "membership",
      "renewal",
      "renews",
      "order",
      "thank you for your purchase",
    ],
    labels: {
      merchant: ["merchant", "merchant name", "payee", "paid to", "store", "where"],
      amount: ["amount", "transaction amount", "purchase amount", "charge amount", "credit amount", "total"],
      card: [
        ...["card", "credit card", "debit card", "account", "card ending", "card ending in", "card number"],
        ...["card last 4", "last 4 digits", "card ending with"],
        ...["payment from", "paid with", "payment method", "from"],
      ],
      reference: ["reference", "reference number", "identifier", "transaction id", "transaction number"],
      date: ["date", "transaction date", "purchase date", "posted", "when"],
    },
    notAmount: ["balance", "available", "avail", "avl", "limit", "credit line"],
    at: ["at", "@", "with", "to", "from"],
    after: ["approved", "authorized", "authorised", "completed", "was", "has", "on", "using", "with", "via", "today"],
    beforeFigure: ["on", "at", "for", "of"],
    cards: ["card", "debit card", "credit card", "cash card", "account", "balance"],
    channels: {
      debit: ["debit card", "debit", "checking", "prepaid"],
      // Issuers whose cards are credit cards by name count as saying so ("your Barclaycard ending 1234").
      credit: [
        "credit card",
        "visa",
        "mastercard",
        "amex",
        "american express",
        "discover",
        "diners",
        "barclaycard",
        "capital one",
        // What only a credit card has: a credit line left, a statement to pay, a card member.
        "available credit",
        "credit limit",
        "minimum payment",
        "cardmember",
        "card member",
        // Indian issuers: an available limit is a credit line's, "SMS BLOCK CC" blocks a credit card.
        "avl limit",
        "avl lmt",
        "available limit",
        "cc",
      ],
    },
  },
  {
    language: "de",
    charge: [
      "kartenzahlung",
      "kartenumsatz",
      "kartenabbuchung",
      "lastschrift",
      "abbuchung",
      "belastung",
      "einkauf",
      "abgebucht",
      "belastet",
    ],
    refund: ["gutschrift", "erstattung", "rückerstattung", "erstattet", "storno", "stornierung"],
    hold: [
      "kartenprüfung",
      "kartenverifizierung",
      "autorisierung",
      "vorautorisierung",
      "vormerkung",
      "vorgemerkt",
      "reservierung",
      "reserviert",
    ],
    declined: ["abgelehnt", "fehlgeschlagen", "nicht ausgeführt"],
    code: ["code", "tan", "sicherheitscode", "bestätigungscode", "freigabecode"],
    receipt: [
      "quittung",
      "rechnung",
      "abo",
      "abonnement",
      "mitgliedschaft",
      "bestellung",
      "bestellnummer",
      "verlängerung",
    ],
    labels: {
      merchant: ["händler", "händlername", "empfänger", "zahlungsempfänger", "akzeptanzstelle", "geschäft"],
      amount: ["betrag", "umsatzbetrag", "summe"],
      card: ["karte", "kartennummer", "konto", "girokonto"],
      reference: ["referenz", "referenznummer", "transaktionsnummer", "transaktions-id", "belegnummer"],
      date: ["datum", "buchungsdatum", "umsatzdatum", "transaktionsdatum", "zeitpunkt"],
    },
    notAmount: ["kontostand", "saldo", "verfügbar", "guthaben", "limit"],
    at: ["bei", "an", "von"],
    after: [
      ...["genehmigt", "autorisiert", "durchgeführt", "bezahlt", "ausgegeben", "wurde", "mit", "auf", "heute"],
      // "… mit 4,99 EUR bei ARD Plus belastet": the verb that ends the sentence is no part of the payee.
      ...["belastet", "abgebucht", "gebucht", "eingezogen", "getätigt"],
    ],
    beforeFigure: ["am", "um", "über", "von", "in höhe von"],
    cards: [
      "karte",
      "kartenzahlung",
      "debitkarte",
      "kreditkarte",
      "girocard",
      "konto",
      "girokonto",
      "kontostand",
      "kontoumsatz",
      "verwendungszweck",
    ],
    channels: {
      debit: ["debitkarte", "girokarte", "girocard", "ec-karte", "girokonto", "debit", "maestro", "v pay"],
      credit: ["kreditkarte", "visa", "mastercard", "american express", "amex"],
    },
  },
  {
    language: "fr",
    charge: [
      "paiement par carte",
      "paiement cb",
      "achat cb",
      "achat par carte",
      "opération carte",
      "paiement",
      "achat",
      "prélèvement",
      "dépense",
    ],
    refund: ["remboursement", "remboursé", "remboursée", "avoir", "annulation d'achat"],
    hold: [
      "pré-autorisation",
      "préautorisation",
      "pre-autorisation",
      "autorisation temporaire",
      "retenue",
      "empreinte bancaire",
      "empreinte de carte",
      "vérification de carte",
    ],
    declined: ["refusé", "refusée", "rejeté", "rejetée"],
    code: ["code", "code de sécurité", "code de confirmation", "code de validation"],
    receipt: ["reçu", "facture", "abonnement", "commande", "renouvellement"],
    labels: {
      merchant: ["commerçant", "marchand", "bénéficiaire", "enseigne"],
      amount: ["montant", "montant de l'opération"],
      card: ["carte", "carte bancaire", "numéro de carte", "compte"],
      reference: ["référence", "numéro d'opération", "n° d'opération", "référence de l'opération"],
      date: ["date", "date de l'opération", "date d'opération"],
    },
    notAmount: ["solde", "disponible", "plafond", "encours"],
    at: ["chez", "à", "auprès de", "sur"],
    after: [
      "accepté",
      "acceptée",
      "validé",
      "validée",
      "effectué",
      "effectuée",
      "autorisé",
      "autorisée",
      "avec",
      "sur",
    ],
    beforeFigure: ["le", "à", "de", "pour"],
    cards: ["carte", "cb", "paiement par carte", "compte", "solde"],
    channels: {
      debit: ["debit", "débit", "carte de débit"],
      credit: ["carte de crédit", "crédit", "visa premier", "american express", "amex"],
    },
  },
  {
    language: "es",
    charge: [
      "compra",
      "cargo",
      "pago con tarjeta",
      "pago",
      "adeudo",
      "operación con tarjeta",
      "has realizado una compra",
    ],
    refund: ["devolución", "reembolso", "abono", "anulación de compra"],
    hold: ["autorización", "preautorización", "pre-autorización", "retención", "bloqueo temporal"],
    declined: ["denegada", "denegado", "rechazada", "rechazado"],
    code: ["código", "clave", "código de seguridad", "código de verificación"],
    receipt: ["recibo", "factura", "suscripción", "pedido", "renovación"],
    labels: {
      merchant: ["comercio", "establecimiento", "beneficiario", "destinatario"],
      amount: ["importe", "importe de la operación", "cantidad"],
      card: ["tarjeta", "número de tarjeta", "cuenta"],
      reference: ["referencia", "número de operación", "nº de operación", "código de operación"],
      date: ["fecha", "fecha de la operación", "fecha de operación"],
    },
    notAmount: ["saldo", "disponible", "límite"],
    at: ["en", "a favor de", "a"],
    after: ["aprobado", "aprobada", "realizado", "realizada", "autorizado", "autorizada", "con"],
    beforeFigure: ["el", "a las", "por", "de"],
    cards: ["tarjeta", "pago con tarjeta", "cuenta", "saldo"],
    channels: {
      debit: ["débito", "tarjeta de débito", "debit"],
      credit: ["crédito", "tarjeta de crédito", "visa", "mastercard", "american express", "amex"],
    },
  },
  {
    language: "it",
    charge: [
      "pagamento con carta",
      "pagamento",
      "acquisto",
      "addebito",
      "spesa",
      "operazione con carta",
      "transazione",
      // Nexi's purchase SMS: "autorizzata operazione di 7,99 EUR presso …" (a hold says preautorizzazione).
      "autorizzata operazione",
      "operazione autorizzata",
    ],
    refund: ["rimborso", "storno", "riaccredito", "accredito"],
    hold: ["preautorizzazione", "pre-autorizzazione", "blocco temporaneo", "verifica della carta"],
    declined: ["rifiutata", "rifiutato", "negata", "negato", "non autorizzat"],
    code: ["codice", "codice di sicurezza", "codice di verifica", "otp"],
    receipt: ["ricevuta", "fattura", "abbonamento", "ordine", "rinnovo"],
    labels: {
      merchant: ["esercente", "esercizio", "negozio", "beneficiario"],
      amount: ["importo", "importo operazione"],
      card: ["carta", "numero carta", "conto"],
      reference: ["riferimento", "codice operazione", "numero operazione"],
      date: ["data", "data operazione"],
    },
    notAmount: ["saldo", "disponibile", "plafond"],
    at: ["presso", "a favore di", "da", "a"],
    after: ["approvato", "approvata", "autorizzato", "autorizzata", "effettuato", "effettuata", "con", "sul", "sulla"],
    beforeFigure: ["il", "ore", "alle", "di", "per"],
    cards: ["carta", "pagamento con carta", "bancomat", "conto", "saldo"],
    channels: {
      debit: ["bancomat", "debito", "carta di debito", "prepagata"],
      // Nexi (CartaSi) issues credit cards by name.
      credit: ["carta di credito", "credito", "visa", "mastercard", "american express", "amex", "nexi", "cartasi"],
    },
  },
  {
    language: "nl",
    charge: ["betaling", "betaald", "pinbetaling", "kaartbetaling", "aankoop", "afschrijving", "incasso"],
    refund: ["terugbetaling", "terugstorting", "restitutie", "teruggestort"],
    hold: ["reservering", "pre-autorisatie", "preautorisatie", "kaartcontrole"],
    declined: ["geweigerd", "afgewezen", "mislukt"],
    code: ["code", "verificatiecode", "beveiligingscode"],
    receipt: ["bon", "factuur", "abonnement", "bestelling", "verlenging"],
    labels: {
      merchant: ["winkel", "ontvanger", "begunstigde", "handelaar"],
      amount: ["bedrag"],
      card: ["kaart", "kaartnummer", "rekening"],
      reference: ["referentie", "kenmerk", "transactienummer"],
      date: ["datum", "transactiedatum"],
    },
    notAmount: ["saldo", "beschikbaar", "limiet"],
    at: ["aan", "bij"],
    after: ["goedgekeurd", "geslaagd", "uitgevoerd", "met", "op", "vandaag"],
    beforeFigure: ["op", "om", "van", "voor"],
    cards: ["kaart", "betaalpas", "creditcard", "rekening", "saldo"],
    channels: {
      debit: ["betaalpas", "pinpas", "debitcard", "debit"],
      credit: ["creditcard", "visa", "mastercard", "american express", "amex"],
    },
  },
  {
    language: "pt",
    charge: ["compra", "pagamento", "débito", "debito", "transação", "transacao"],
    refund: ["reembolso", "devolução", "devolucao", "estorno"],
    hold: ["pré-autorização", "pre-autorizacao", "cativação", "retenção"],
    declined: ["recusada", "recusado", "rejeitada", "rejeitado", "negada"],
    code: ["código", "codigo", "código de segurança"],
    receipt: ["recibo", "fatura", "factura", "assinatura", "subscrição", "encomenda", "pedido", "renovação"],
    labels: {
      merchant: ["comerciante", "estabelecimento", "beneficiário"],
      amount: ["montante", "valor"],
      card: ["cartão", "cartao", "número do cartão", "conta"],
      reference: ["referência", "referencia"],
      date: ["data", "data da operação"],
    },
    notAmount: ["saldo", "disponível", "disponivel", "limite"],
    at: ["em", "a favor de"],
    // "Devolucao de compra de 4,99 EUR de PUBLICO … no cartao": money back from ("de") the merchant.
    atNext: ["de"],
    after: [
      ...["aprovada", "aprovado", "efetuada", "efetuado", "realizada", "realizado", "com", "para"],
      ...["no cartão", "no cartao", "na conta"],
    ],
    beforeFigure: ["em", "às", "as", "de", "no valor de", "valor"],
    cards: ["cartão", "cartao", "conta", "saldo"],
    channels: {
      debit: ["cartão de débito", "cartao de debito", "débito", "debito"],
      // A Brazilian card SMS says "compra no débito" for the debit function; an approved purchase is on credit.
      credit: [
        ...["cartão de crédito", "cartao de credito", "crédito", "credito", "visa", "mastercard", "amex"],
        ...["compra aprovada", "compra no crédito", "compra no credito"],
      ],
    },
  },
  {
    language: "pl",
    charge: [
      ...["obciążenie", "obciążenie karty", "obciążenie rachunku", "płatność kartą", "transakcja kartą"],
      ...["transakcja", "zakup", "zapłacono", "obciążono"],
      // mBank's routine purchase alert, often without diacritics: "Autoryzacja karty *8837 na kwote 29,99 PLN".
      ...["autoryzacja karty", "autoryzacja transakcji"],
    ],
    refund: ["zwrot", "zwrot środków", "zwrócono"],
    hold: ["blokada środków", "blokada", "preautoryzacja"],
    declined: ["odrzucona", "odrzucono", "nieudana", "odmowa"],
    code: ["kod", "kod sms", "kod blik", "kod weryfikacyjny", "jednorazowy kod"],
    receipt: ["paragon", "faktura", "subskrypcja", "abonament", "zamówienie", "odnowienie"],
    labels: {
      merchant: ["miejsce", "sprzedawca", "odbiorca", "akceptant", "sklep", "punkt"],
      amount: ["kwota", "kwota transakcji"],
      card: ["karta", "numer karty", "rachunek", "konto"],
      reference: ["numer transakcji", "referencja"],
      date: ["data", "data transakcji"],
    },
    notAmount: ["saldo", "dostępne", "dostępne środki", "dost", "dostepne", "limit"],
    at: ["w", "u", "na rzecz"],
    after: ["zaakceptowana", "zrealizowana", "kartą", "dnia"],
    beforeFigure: ["dnia", "o godz", "na kwotę", "na kwote", "kwota"],
    cards: ["karta", "karty", "kartą", "kartę", "rachunek", "rachunku", "konto", "saldo"],
    channels: {
      debit: ["karta debetowa", "kartą debetową", "debetowa", "debetowej"],
      credit: ["karta kredytowa", "kartą kredytową", "kredytowa", "kredytowej"],
    },
  },
];
