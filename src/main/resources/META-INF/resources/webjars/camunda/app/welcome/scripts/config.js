/*
 * Configuration of Camunda's Welcome page (the login at /camunda/app/ and everyone's profile) for Pujiang.
 *
 * Language as in Tasklist (see tasklist/scripts/config.js): only "zh" is offered, so every browser gets Chinese;
 * ?lang=en in the address switches this browser to Camunda's English, ?lang=zh back.
 */
const LANGUAGE_KEY = 'pujiang.lang';
const asked = new URLSearchParams(window.location.search).get('lang');
if (asked === 'zh' || asked === 'en') {
  window.localStorage.setItem(LANGUAGE_KEY, asked);
}
const language = window.localStorage.getItem(LANGUAGE_KEY) === 'en' ? 'en' : 'zh';

export default {
  app: {
    name: language === 'zh' ? '首页' : 'Welcome',
    vendor: 'Camunda'
  },

  locales: {
    availableLocales: [language],
    fallbackLocale: language
  },

  // Camunda's first-login hint looks for a page (/camunda-welcome) that this application does not serve.
  disableWelcomeMessage: true
};
