/*
 * Tasklist configuration of Pujiang; replaces the one shipped in the Camunda webjar and keeps its shortcuts.
 *
 * Language: Tasklist takes the browser's first preferred language (navigator.languages[0], "en" of "en-US") if it
 * is in availableLocales, and fallbackLocale otherwise; there is no language menu. A petitions bureau works in
 * Chinese, so only "zh" (locales/zh.json) is offered and every browser gets Chinese, whatever its language:
 * offering ['zh', 'en'] would give English to every English browser. Someone who wants Camunda's English opens
 * Tasklist once with ?lang=en in the address (?lang=zh to return); the choice is kept in this browser.
 */
const LANGUAGE_KEY = 'pujiang.lang';
const asked = new URLSearchParams(window.location.search).get('lang');
if (asked === 'zh' || asked === 'en') {
  window.localStorage.setItem(LANGUAGE_KEY, asked);
}
const language = window.localStorage.getItem(LANGUAGE_KEY) === 'en' ? 'en' : 'zh';

export default {
  app: {
    name: language === 'zh' ? '任务列表' : 'Tasklist',
    vendor: 'Camunda'
  },

  locales: {
    availableLocales: [language],
    fallbackLocale: language
  },

  // Camunda's first-login hint looks for a page (/camunda-welcome) that this application does not serve.
  disableWelcomeMessage: true,

  shortcuts: {
    claimTask: {
      key: 'ctrl+alt+c',
      description: '认领当前选中的任务'
    },
    focusFilter: {
      key: 'ctrl+shift+f',
      description: '焦点移到第一个过滤器'
    },
    focusList: {
      key: 'ctrl+alt+l',
      description: '焦点移到列表中的第一个任务'
    },
    focusForm: {
      key: 'ctrl+alt+f',
      description: '焦点移到任务表单的第一个输入框'
    },
    startProcess: {
      key: 'ctrl+alt+p',
      description: '打开“启动流程”对话框'
    }
  }
};
