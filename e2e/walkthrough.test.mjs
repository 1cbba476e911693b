// Two cases walked from registration to closure by the people who work them, each in Tasklist under their own
// login: a labour dispute assigned to a unit, and a law-related petition answered in writing with a lawyer.
// Only the checks at the end read the staff API and the engine's history.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { openBrowser, Tasklist } from './tasklist.mjs';

const BASE_URL = process.env.PUJIANG_URL ?? 'http://localhost:18080';
const SHOTS = process.env.E2E_SHOTS
  ?? path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'target', 'e2e');

let browser;

// Each case in a browser of its own, so that one failing case leaves nothing behind for the other.
beforeEach(async () => {
  fs.mkdirSync(SHOTS, { recursive: true });
  browser = await openBrowser();
});

afterEach(async () => {
  await browser?.close();
});

async function openDesk(prefix) {
  return new Tasklist(await browser.context.newPage(), { baseUrl: BASE_URL, shots: SHOTS, prefix });
}

test('a walk-in labour dispute is assigned to a unit, verified, visited back and closed', async () => {
  const desk = await openDesk('assigned');
  const petition = walkIn({ category: '劳资纠纷', summary: `工厂拖欠三个月工资（${token()}）`, request: '结清拖欠的工资' });

  await desk.as('registrar', () => register(desk, petition));

  const caseNumber = await desk.as('leader', async () => {
    const form = await desk.openTask({ filter: '本组/本单位待办', taskName: '领导接访', summary: petition.summary });
    const number = await form.value('案件编号');
    assert.match(number, /^PJ-\d{4}-\d{6}$/);
    assert.equal(await form.value('信访类别'), '劳资纠纷');
    assert.equal(await form.value('接待室'), '第4接待室（劳资纠纷）');
    await desk.claim();
    await form.fill('接访记录（所问所答）', '信访人反映工厂三个月未发工资，要求结清。');
    await form.check('交办');
    await form.check('人力资源和社会保障局');
    await form.fill('责任人', '人社局劳动监察大队王队长');
    await form.fill('办理期限（天）', 20);
    await desk.screenshot('leader-assigns');
    await desk.complete();
    return number;
  });

  await desk.as('unit-social', async () => {
    const form = await desk.openTask({ filter: '本组/本单位待办', taskName: '单位办理', caseNumber });
    assert.equal(await form.value('责任单位'), '人力资源和社会保障局');
    assert.match(await form.value('办理期限'), /\d/);
    await desk.claim();
    await form.check('提交办理结果');
    await form.fill('办理结果（答复意见）', '已责令工厂十日内结清拖欠工资，工厂已全部支付。');
    await desk.screenshot('unit-reports');
    await desk.complete();
  });

  await desk.as('registrar', async () => {
    const form = await desk.openTask({ filter: '本组/本单位待办', taskName: '审核办理结果', caseNumber });
    assert.equal(await form.value('办理结果（答复意见）'), '已责令工厂十日内结清拖欠工资，工厂已全部支付。');
    await desk.claim();
    await form.check('审核通过');
    await desk.screenshot('registrar-verifies');
    await desk.complete();
  });

  await desk.as('returnvisit', () => returnVisit(desk, caseNumber, '交办', '满意'));

  await showClosed(desk, caseNumber);
  const record = await staffCase(caseNumber);
  assert.equal(record.status, 'CLOSED');
  assert.equal(record.outcome, 'ASSIGNED');
  assert.equal(record.lawyerRequired, false);
  assert.equal(record.satisfaction, 'SATISFIED');
  assert.deepEqual(record.assignments.map((a) => [a.unit, a.status]), [['unit-social', 'ACCEPTED']]);
  const [assignment] = record.assignments;
  assert.equal(days(assignment.assignedAt, assignment.deadline), 20);
  assert.deepEqual(await userTasksDone(caseNumber), [
    ['Task_ReceivePetitioner', 'leader'],
    ['Task_HandleCase', 'unit-social'],
    ['Task_VerifyReport', 'registrar'],
    ['Task_ReturnVisit', 'returnvisit'],
  ]);
  // What the forms only show (the case number, category and room checked above) is read from the case record when
  // a form opens: it is never written into the process, nor sent back when a task is completed.
  assert.deepEqual(await writes(caseNumber, ['caseNumber', 'categoryName', 'room', 'unitOptions', 'outcomeName']),
    { caseNumber: 0, categoryName: 0, room: 0, unitOptions: 0, outcomeName: 0 });
});

test('a law-related petition gets a lawyer\'s opinion and a written answer approved by the leader', async () => {
  const desk = await openDesk('definitive');
  const petition = walkIn({ category: '涉法涉诉', summary: `不服法院执行裁定（${token()}）`, request: '撤销执行裁定' });
  const opinion = '该执行裁定已经法定程序作出，信访人可依法申请执行异议或复议。';

  await desk.as('registrar', () => register(desk, petition));

  const caseNumber = await desk.as('lawyer', async () => {
    const form = await desk.openTask({ filter: '本组/本单位待办', taskName: '律师陪访意见', summary: petition.summary });
    const number = await form.value('案件编号');
    await desk.claim();
    await form.fill('法律意见', opinion);
    await desk.screenshot('lawyer-opinion');
    await desk.complete();
    return number;
  });

  await desk.as('leader', async () => {
    const form = await desk.openTask({ filter: '本组/本单位待办', taskName: '领导接访', caseNumber });
    assert.equal(await form.value('律师意见'), opinion);
    await desk.claim();
    await form.fill('接访记录（所问所答）', '信访人要求撤销执行裁定；律师解释了执行异议程序。');
    await form.check('定性处理');
    await desk.screenshot('leader-decides-definitive-answer');
    await desk.complete();
  });

  await desk.as('lawyer', async () => {
    const form = await desk.openTask({ filter: '本组/本单位待办', taskName: '拟定书面答复', caseNumber });
    assert.equal(await form.value('律师意见'), opinion);
    await desk.claim();
    await form.check('不予支持');
    await form.fill('书面答复', '您要求撤销执行裁定的诉求不属于信访事项，不予支持；可依法向执行法院提出执行异议。');
    await form.fill('法律政策依据', '《信访工作条例》第三十一条；《中华人民共和国民事诉讼法》第二百三十六条。');
    await desk.screenshot('lawyer-drafts-answer');
    await desk.complete();
  });

  await desk.as('leader', async () => {
    // Assigned to the receiving leader by the process: it is in 我的任务, nothing to claim.
    const form = await desk.openTask({ filter: '我的任务', taskName: '领导审定答复', caseNumber });
    await desk.claim();
    await form.check('同意答复');
    await desk.screenshot('leader-approves-answer');
    await desk.complete();
  });

  await desk.as('returnvisit', () => returnVisit(desk, caseNumber, '定性处理', '基本满意'));

  await showClosed(desk, caseNumber);
  const record = await staffCase(caseNumber);
  assert.equal(record.status, 'CLOSED');
  assert.equal(record.outcome, 'DEFINITIVE_ANSWER');
  assert.equal(record.lawyerRequired, true);
  assert.equal(record.legalOpinion, opinion);
  assert.equal(record.answerForm, 'NOT_SUPPORTED');
  assert.equal(record.satisfaction, 'BASICALLY_SATISFIED');
  assert.deepEqual(await userTasksDone(caseNumber), [
    ['Task_GiveLegalOpinion', 'lawyer'],
    ['Task_ReceivePetitioner', 'leader'],
    ['Task_DraftAnswer', 'lawyer'],
    ['Task_ApproveAnswer', 'leader'],
    ['Task_ReturnVisit', 'returnvisit'],
  ]);
});

/** A walk-in petition by one person, with a resident ID number that passes its check digit. */
function walkIn({ category, summary, request }) {
  return {
    name: '孙丽', residentId: residentId(), phone: `139${String(Date.now()).slice(-8)}`, personsCount: 1,
    category, summary, request,
  };
}

async function register(desk, petition) {
  const { form, start } = await desk.startForm('信访案件办理');
  await form.fill('信访人姓名', petition.name);
  await form.fill('身份证号码', petition.residentId);
  await form.fill('联系电话', petition.phone);
  await form.fill('来访人数', petition.personsCount);
  await form.choose('信访类别', petition.category);
  await form.check('现场登记');
  await form.fill('事项摘要', petition.summary);
  await form.fill('信访诉求', petition.request);
  assert.deepEqual(await form.errors(), []);
  await desk.screenshot('registrar-registers');
  await start();
  await desk.screenshot('registered');
}

async function returnVisit(desk, caseNumber, outcomeName, satisfaction) {
  const form = await desk.openTask({ filter: '本组/本单位待办', taskName: '回访', caseNumber });
  assert.equal(await form.value('处理方式'), outcomeName);
  await desk.claim();
  await form.check('电话回访');
  await form.check(satisfaction);
  await form.fill('回访意见', `电话回访，信访人表示${satisfaction}。`);
  await desk.screenshot('return-visit');
  await desk.complete();
}

/**
 * The manager, who reads every task, finds none left of the case in Tasklist; the auditor reads its closure in
 * the case's audit trail.
 */
async function showClosed(desk, caseNumber) {
  await desk.as('manager', async () => {
    assert.equal(await desk.countTasks('全部任务', caseNumber), 0);
    await desk.screenshot('manager-no-open-tasks');
  });
  const page = await browser.context.newPage();
  try {
    await page.setExtraHTTPHeaders({ Authorization: basic('auditor') });
    await page.goto(`${BASE_URL}/audit/cases/${caseNumber}`);
    const closed = page.locator('tr', { hasText: 'EndEvent_CaseClosed' });
    await closed.first().waitFor();
    await page.locator('tr.business', { hasText: 'CLOSED' }).first().waitFor();
    await closed.first().scrollIntoViewIfNeeded();
    await desk.screenshot('audit-trail-closed', page);
  } finally {
    await page.close();
  }
}

async function staffCase(caseNumber) {
  return get(`/api/staff/cases/${caseNumber}`);
}

/** The case's completed user tasks in order, with who completed each, from the engine's history. */
async function userTasksDone(caseNumber) {
  const [instance] = await get(`/engine-rest/history/process-instance?processInstanceBusinessKey=${caseNumber}`);
  assert.equal(instance.state, 'COMPLETED');
  const activities = await get(`/engine-rest/history/activity-instance?processInstanceId=${instance.id}`
    + '&activityType=userTask&sortBy=startTime&sortOrder=asc');
  return activities.map((activity) => [activity.activityId, activity.assignee]);
}

/** How often each of the named variables of the case was written (the engine's history details). */
async function writes(caseNumber, names) {
  const [instance] = await get(`/engine-rest/history/process-instance?processInstanceBusinessKey=${caseNumber}`);
  const details = await get(`/engine-rest/history/detail?processInstanceId=${instance.id}&variableUpdates=true`);
  return Object.fromEntries(names.map((name) => [name, details.filter((d) => d.variableName === name).length]));
}

async function get(pathAndQuery) {
  const response = await fetch(BASE_URL + pathAndQuery, { headers: { Authorization: basic('auditor') } });
  assert.equal(response.status, 200, `${pathAndQuery}: ${response.status}`);
  return response.json();
}

function days(from, to) {
  return Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000);
}

function basic(user) {
  return `Basic ${Buffer.from(`${user}:demo`).toString('base64')}`;
}

function token() {
  return Date.now().toString(36).toUpperCase();
}

/** An 18-character resident ID number (GB 11643) for a Pujiang birth in 1990, its check character computed. */
function residentId() {
  const day = String(1 + Math.floor(Math.random() * 28)).padStart(2, '0');
  const month = String(1 + Math.floor(Math.random() * 12)).padStart(2, '0');
  const sequence = String(Math.floor(Math.random() * 1000)).padStart(3, '0');
  const body = `3307261990${month}${day}${sequence}`;
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...body].reduce((total, digit, i) => total + Number(digit) * weights[i], 0);
  return body + '10X98765432'[sum % 11];
}
