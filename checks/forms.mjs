// Checks forms/*.form against form-js and against the process.
// usage: node checks/forms.mjs [--explain]   (from the project root)
//
// 1. Each form imports into the form-js Viewer in headless Chromium without warnings or console errors, and
//    renders every component once its conditions are lifted; every FEEL expression in it ("=...") parses (form-js
//    itself would quietly treat a broken condition as false).
// 2. Each form is used by a user task or start event (camunda:formRef), and for each such element:
//    - every field a person fills in (not readonly, not disabled) is read after the form is submitted, by the
//      element's own end listener or by what the engine runs next (checks/lib/process-flow.mjs finds those
//      steps in the diagram, checks/lib/java-steps.mjs what each step reads in src/main/java), unless
//      checks/form-fields.json lists it with a reason;
//    - every form value those steps read (FormValues) has a field in the form;
//    - what the form only shows (readonly and disabled fields, option lists, conditions) is a variable the
//      process has: set by a step, shown from the case record (CaseFormFields), submitted by one of the process's
//      forms, or defined in the diagram.
// --explain prints, per form, who reads each field.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { lintExpression } from '@bpmn-io/feel-lint';
import { withPage } from './lib/browser.mjs';
import { readJava } from './lib/java-steps.mjs';
import { readProcesses } from './lib/process-flow.mjs';

const explain = process.argv.includes('--explain');
const problems = [];
const problem = (message) => problems.push(message);

const DISPLAY = new Set(['text', 'html', 'image', 'spacer', 'separator', 'iframe', 'documentPreview', 'button']);
const FEEL_WORDS = new Set(['not', 'and', 'or', 'null', 'true', 'false', 'if', 'then', 'else', 'for', 'in',
  'return', 'some', 'every', 'satisfies', 'instance', 'of', 'between', 'function', 'get', 'value', 'item']);

function components(list, found = []) {
  for (const component of list || []) {
    found.push(component);
    components(component.components, found);
  }
  return found;
}

/** Names a FEEL expression or template reads: extensionUsed in "=not(extensionUsed = true)". */
function feelNames(text) {
  if (typeof text !== 'string') {
    return [];
  }
  const feel = text.startsWith('=') ? text.slice(1) : [...text.matchAll(/\{\{([^}]*)\}\}/g)].map((m) => m[1]).join(' ');
  return [...feel.replace(/"(?:[^"\\]|\\.)*"/g, '""').matchAll(/(?<![\w.])([A-Za-z_]\w*)\b(?!\s*\()/g)]
    .map((m) => m[1]).filter((n) => !FEEL_WORDS.has(n));
}

// The forms and their fields.
const exceptions = JSON.parse(readFileSync('checks/form-fields.json', 'utf8')).unread;
const forms = new Map();
for (const file of readdirSync('forms').filter((f) => f.endsWith('.form')).sort()) {
  const path = `forms/${file}`;
  let schema;
  try {
    schema = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    problem(`${path}: not JSON (${error.message})`);
    continue;
  }
  if (schema.id !== file.replace(/\.form$/, '')) {
    problem(`${path}: form id "${schema.id}" differs from the file name; camunda:formRef finds forms by id`);
  }
  const all = components(schema.components);
  for (const component of all) {
    JSON.stringify(component, (key, value) => {
      if (key !== 'components' && typeof value === 'string' && value.startsWith('=')) {
        for (const { severity, message } of lintExpression(value.slice(1))) {
          if (severity === 'error') {
            problem(`${path}: ${component.id} ${key} "${value}": ${message}`);
          }
        }
      }
      return key === 'components' ? undefined : value;
    });
  }
  const fields = all.filter((c) => c.key && !DISPLAY.has(c.type));
  const editable = fields.filter((c) => c.readonly !== true && c.disabled !== true);
  const keys = new Map();
  for (const field of editable) {
    if (keys.has(field.key)) {
      problem(`${path}: two fields to fill in write "${field.key}" (${keys.get(field.key)}, ${field.id})`);
    }
    keys.set(field.key, field.id);
  }
  const shown = new Set([
    ...fields.filter((c) => !editable.includes(c)).map((c) => c.key),
    ...all.map((c) => c.valuesKey).filter(Boolean),
    ...all.flatMap((c) => [c.conditional?.hide, c.readonly, c.disabled, c.text, c.label, c.valuesExpression,
      c.defaultValue].flatMap(feelNames))]);
  forms.set(schema.id ?? file, { path, schema, all, editable: new Set(keys.keys()), shown, used: [] });
}

// What the process reads after each form.
const java = readJava('src/main/java');
java.unresolved.forEach(problem);
const processes = await readProcesses('processes');
new Set(processes.flatMap((p) => p.problems)).forEach(problem);
for (const file of readdirSync('processes').filter((f) => f.endsWith('.bpmn'))) {
  const text = readFileSync(join('processes', file), 'utf8');
  for (const m of text.matchAll(/delegateExpression="\$\{(\w+)\}"/g)) {
    if (!java.steps.has(m[1])) {
      problem(`processes/${file}: calls \${${m[1]}}, but no @Bean step of that name was found in src/main/java`);
    }
  }
}

const explanation = [];
for (const { process: processId, defined, forms: elements } of processes) {
  const submitted = new Set(elements.flatMap((e) => [...(forms.get(e.formRef)?.editable || [])]));
  const known = new Set([...defined, ...java.set, ...submitted]);
  for (const element of elements) {
    const form = forms.get(element.formRef);
    if (!form) {
      problem(`processes/${element.file}: ${element.element} refers to form "${element.formRef}", which is not in forms/`);
      continue;
    }
    form.used.push(element.element);
    const where = `${form.path} (${element.formRef} on ${processId}/${element.element})`;
    const steps = [...element.names].filter((n) => java.steps.has(n));
    const readers = new Map();
    const addReader = (name, by) => readers.set(name, [...(readers.get(name) || []), by]);
    [...element.names].filter((n) => !java.steps.has(n)).forEach((n) => addReader(n, 'diagram expression'));
    for (const step of steps) {
      const { formReads, otherReads } = java.steps.get(step);
      [...formReads, ...otherReads].forEach((n) => addReader(n, step));
      for (const read of formReads) {
        if (!form.editable.has(read)) {
          problem(`${where}: step ${step} reads form value "${read}" after this form, but the form has no field "${read}" to fill in`);
        }
      }
    }
    const allowed = exceptions[element.formRef] || {};
    for (const key of form.editable) {
      if (!readers.has(key) && !allowed[key]) {
        problem(`${where}: field "${key}" is filled in but nothing reads it after this form `
          + `(steps reached: ${steps.join(', ') || 'none'}); read it, drop it, or make it readonly`);
      }
    }
    for (const name of form.shown) {
      if (!known.has(name) && !form.editable.has(name)) {
        problem(`${where}: shows "${name}", but the process never has such a variable`);
      }
    }
    explanation.push(`${element.formRef} (${processId}/${element.element}): `
      + [...form.editable].map((k) => `${k} <- ${readers.get(k)?.join('+') || `exception: ${allowed[k]}`}`).join('; '));
  }
}
for (const [id, form] of forms) {
  if (!form.used.length) {
    problem(`${form.path}: no user task or start event uses form "${id}"`);
  }
}
for (const [formRef, keys] of Object.entries(exceptions)) {
  for (const key of Object.keys(keys)) {
    if (!forms.get(formRef)?.editable.has(key)) {
      problem(`checks/form-fields.json: ${formRef}.${key} is not a field to fill in any more; remove the exception`);
    }
  }
}

// Every form through the form-js Viewer.
const rendered = await withPage({
  scripts: ['@bpmn-io/form-js/dist/form-viewer.umd.js'],
  styles: ['@bpmn-io/form-js/dist/assets/form-js.css']
}, async (page, pageProblems) => {
  let count = 0;
  for (const form of forms.values()) {
    const found = await page.evaluate(async (schema) => {
      const container = document.getElementById('container');
      const lifted = JSON.parse(JSON.stringify(schema), (key, value) => (key === 'conditional' ? undefined : value));
      const result = [];
      // Option lists the process provides (valuesKey) get one sample option, so that their fields render.
      const options = {};
      JSON.stringify(schema, (key, value) => {
        if (key === 'valuesKey') {
          options[value] = [{ label: '示例', value: 'SAMPLE' }];
        }
        return value;
      });
      for (const [which, json, data] of [['as written', schema, {}], ['with conditions lifted', lifted, options]]) {
        container.replaceChildren();
        const viewer = new window.FormViewer.Form({ container });
        try {
          const { warnings } = await viewer.importSchema(json, data);
          warnings.forEach((w) => result.push(`import warning (${which}): ${w.message || w}`));
        } catch (error) {
          result.push(`import failed (${which}): ${error.message}`);
          viewer.destroy();
          continue;
        }
        if (which !== 'as written') {
          const all = [];
          const walk = (list) => (list || []).forEach((c) => { all.push(c); walk(c.components); });
          walk(json.components);
          for (const c of all.filter((c) => c.key)) {
            if (!container.querySelector(`[id$="-${c.id}"], [id*="-${c.id}-"]`)) {
              result.push(`field "${c.key}" (${c.type}) is not rendered`);
            }
          }
          for (const type of ['text', 'html']) {
            const expected = all.filter((c) => c.type === type).length;
            const shown = container.querySelectorAll(`.fjs-form-field-${type}`).length;
            if (shown !== expected) {
              result.push(`${expected} ${type} components, ${shown} rendered`);
            }
          }
        }
        viewer.destroy();
      }
      return result;
    }, form.schema);
    [...found, ...pageProblems.splice(0)].forEach((p) => problem(`${form.path}: ${p}`));
    count += 1;
  }
  return count;
});

if (explain) {
  console.log(explanation.join('\n'));
}
if (problems.length) {
  console.error(problems.join('\n'));
  console.error(`forms: ${problems.length} problems in ${forms.size} forms`);
  process.exit(1);
}
const excepted = Object.values(exceptions).reduce((n, keys) => n + Object.keys(keys).length, 0);
const version = JSON.parse(readFileSync('checks/node_modules/@bpmn-io/form-js/package.json', 'utf8')).version;
console.log(`forms: ${rendered} forms render in form-js ${version} with 0 warnings; `
  + `${explanation.length} task and start forms match what the process reads (${excepted} reviewed exception)`);
