// The page's two languages: the user's choice (remembered), by default the browser's; every text
// comes from t(), and every figure from format.js set to the same locale.
import en from "./i18n/en.js";
import enProblems from "./i18n/en-problems.js";
import ptBR from "./i18n/pt-BR.js";
import ptBRProblems from "./i18n/pt-BR-problems.js";
import { setLocale } from "./format.js";

export const LANGUAGES = {
  en: { locale: "en-US", name: "English", messages: { ...en, ...enProblems } },
  "pt-BR": { locale: "pt-BR", name: "Português (Brasil)", messages: { ...ptBR, ...ptBRProblems } },
};

const STORAGE_KEY = "credit-checkout.language";
let current = "en";

/** The language a tag such as "pt-BR", "pt" or "en-GB" reads best in; null when neither. */
export function languageOf(tag) {
  const t = String(tag ?? "").toLowerCase();
  if (t.startsWith("pt")) return "pt-BR";
  if (t.startsWith("en")) return "en";
  return null;
}

/** The user's own earlier choice, or null. */
export function storedLanguage() {
  try {
    return LANGUAGES[localStorage.getItem(STORAGE_KEY)] ? localStorage.getItem(STORAGE_KEY) : null;
  } catch {
    return null;
  }
}

/** The stored choice, else the browser's first supported language, else English. */
export function initialLanguage() {
  const stored = storedLanguage();
  if (stored) return stored;
  for (const tag of navigator.languages ?? [navigator.language]) {
    const lang = languageOf(tag);
    if (lang) return lang;
  }
  return "en";
}

export function language() {
  return current;
}

/** The BCP 47 tag of the chosen language: the quote's `locale` and every Intl format. */
export function locale() {
  return LANGUAGES[current].locale;
}

/** Switch the page's language; `remember`: the user chose it. */
export function setLanguage(lang, { remember = false } = {}) {
  current = LANGUAGES[lang] ? lang : "en";
  setLocale(LANGUAGES[current].locale);
  document.documentElement.lang = current;
  if (remember) {
    try {
      localStorage.setItem(STORAGE_KEY, current);
    } catch {
      // private mode: the choice lasts for this page only
    }
  }
  translateStatic();
}

/** The text of `key` in the chosen language (a function entry gets `params`). */
export function t(key, params = {}) {
  const entry = LANGUAGES[current].messages[key] ?? LANGUAGES.en.messages[key];
  if (entry === undefined) return key;
  return typeof entry === "function" ? entry(params) : entry;
}

/** The page's fixed texts: `data-t` (text), `data-t-label` (aria-label), `data-t-placeholder`, the title. */
export function translateStatic(root = document) {
  for (const node of root.querySelectorAll("[data-t]")) node.textContent = t(node.dataset.t);
  for (const node of root.querySelectorAll("[data-t-label]")) node.setAttribute("aria-label", t(node.dataset.tLabel));
  for (const node of root.querySelectorAll("[data-t-placeholder]")) node.placeholder = t(node.dataset.tPlaceholder);
  document.title = t("page.title");
}
