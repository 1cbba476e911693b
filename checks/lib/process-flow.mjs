// What a process reads after each form is submitted, taken from processes/*.bpmn: the completing element's own
// listeners, then everything the engine runs on from there until it waits again (service tasks, listeners,
// gateway conditions, assignment and timer expressions of the next user tasks), into sub-processes, out of their
// ends, and from an escalation end event to the boundary event that catches it.
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { BpmnModdle } from 'bpmn-moddle';

const require = createRequire(import.meta.url);
const moddle = new BpmnModdle({ camunda: require('camunda-bpmn-moddle/resources/camunda.json') });

const WAITS = new Set(['bpmn:UserTask', 'bpmn:ReceiveTask', 'bpmn:IntermediateCatchEvent', 'bpmn:EventBasedGateway',
  'bpmn:ManualTask']);
const NOT_OWN = new Set(['$parent', 'incoming', 'outgoing', 'sourceRef', 'targetRef', 'attachedToRef', 'flowElements',
  'artifacts', 'laneSets', 'default', 'di', 'escalationRef', 'messageRef', 'errorRef', 'signalRef']);
const EL_WORDS = new Set(['true', 'false', 'null', 'empty', 'not', 'and', 'or', 'eq', 'ne', 'lt', 'gt', 'le', 'ge',
  'div', 'mod', 'instanceof']);

const LISTENERS = new Set(['camunda:ExecutionListener', 'camunda:TaskListener']);
const ON_LEAVE = new Set(['end', 'complete']);

/**
 * Every ${...} or #{...} expression the element holds (attributes, listeners, timers, conditions), for the phase:
 * 'leave' keeps only its end and complete listeners, 'enter' everything else, 'pass' all of it.
 */
function ownExpressions(element, phase = 'pass', found = [], seen = new Set()) {
  if (!element || typeof element !== 'object' || seen.has(element)) {
    return found;
  }
  seen.add(element);
  if (LISTENERS.has(element.$type) && phase !== 'pass' && ON_LEAVE.has(element.event) !== (phase === 'leave')) {
    return found;
  }
  for (const [key, value] of Object.entries(element)) {
    if (NOT_OWN.has(key) || key.startsWith('$') && key !== '$attrs'
      || phase === 'leave' && key !== 'extensionElements' && key !== 'values' && !LISTENERS.has(element.$type)) {
      continue;
    }
    if (typeof value === 'string') {
      found.push(...(value.match(/[$#]\{[^}]*\}/g) || []));
    } else if (Array.isArray(value)) {
      value.forEach((v) => ownExpressions(v, phase, found, seen));
    } else if (value && typeof value === 'object') {
      ownExpressions(value, phase, found, seen);
    }
  }
  return found;
}

/** The top-level names an expression reads: caseId and unit in ${handling.deadline(caseId, unit)}. */
export function expressionNames(expression) {
  const body = expression.slice(2, -1).replace(/'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*"/g, '""');
  return [...body.matchAll(/(?<![\w.$])([A-Za-z_]\w*)/g)].map((m) => m[1]).filter((n) => !EL_WORDS.has(n));
}

function allElements(container, found = []) {
  for (const element of container.flowElements || []) {
    found.push(element);
    allElements(element, found);
  }
  return found;
}

/** Follows the process from a form's element until it waits; returns the expressions met on the way. */
function expressionsAfter(start, elements) {
  const expressions = [];
  const seen = new Set();
  const queue = [];
  const take = (element, phase) => expressions.push(...ownExpressions(element, phase));
  const flowOn = (element) => (element.outgoing || []).forEach((flow) => {
    take(flow);
    queue.push(flow.targetRef);
  });
  const leave = (end) => {
    const scope = end.$parent;
    const escalation = (end.eventDefinitions || []).find((d) => d.$type === 'bpmn:EscalationEventDefinition');
    if (escalation) {
      elements.filter((e) => e.$type === 'bpmn:BoundaryEvent'
        && (e.eventDefinitions || []).some((d) => d.escalationRef === escalation.escalationRef))
        .forEach((boundary) => queue.push(boundary));
    } else if (scope.$type === 'bpmn:SubProcess') {
      flowOn(scope);
    }
  };
  take(start, 'leave');
  flowOn(start);
  while (queue.length) {
    const element = queue.shift();
    if (seen.has(element)) {
      continue;
    }
    seen.add(element);
    if (element.$type === 'bpmn:SubProcess') {
      take(element);
      (element.flowElements || []).filter((e) => e.$type === 'bpmn:StartEvent').forEach((s) => queue.push(s));
      continue;
    }
    if (WAITS.has(element.$type) || element === start) {
      take(element, 'enter');
      elements.filter((e) => e.attachedToRef === element).forEach((boundary) => take(boundary, 'enter'));
      continue;
    }
    take(element);
    if (element.$type === 'bpmn:EndEvent') {
      leave(element);
      continue;
    }
    flowOn(element);
  }
  return expressions;
}

/**
 * For every user task and start event with a camunda:formRef: the names read after its form is submitted
 * (expressions and the steps they call), the variables the process itself defines, and what the reading of the
 * XML warned about.
 */
export async function readProcesses(dir) {
  const result = [];
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.bpmn')).sort()) {
    let parsed;
    try {
      parsed = await moddle.fromXML(readFileSync(join(dir, file), 'utf8'));
    } catch (error) {
      result.push({ file, defined: new Set(), forms: [], problems: [`${dir}/${file}: ${error.message}`] });
      continue;
    }
    const { rootElement, warnings } = parsed;
    const problems = warnings.map((w) => `${dir}/${file}: ${w.message}`);
    for (const process of rootElement.rootElements.filter((e) => e.$type === 'bpmn:Process')) {
      const elements = allElements(process);
      const defined = new Set();
      for (const element of elements) {
        [element.initiator, element.loopCharacteristics?.elementVariable].filter(Boolean).forEach((n) => defined.add(n));
        for (const io of (element.extensionElements?.values || []).filter((v) => v.$type === 'camunda:InputOutput')) {
          [...(io.inputParameters || []), ...(io.outputParameters || [])].forEach((p) => defined.add(p.name));
        }
      }
      const forms = elements.filter((e) => e.formRef).map((element) => {
        const expressions = expressionsAfter(element, elements);
        return { file, element: element.id, formRef: element.formRef, expressions,
          names: new Set(expressions.flatMap(expressionNames)) };
      });
      result.push({ file, process: process.id, defined, forms, problems });
    }
  }
  return result;
}
