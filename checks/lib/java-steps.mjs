// What the Java steps read and set, taken from src/main/java. The diagrams call every step as a Spring bean
// (${recordReception}); each bean is an @Bean method returning a JavaDelegate, ExecutionListener or TaskListener.
// A step reads submitted form values through FormValues (form.text(X), form.requiredText(X, n), form.integer(X),
// form.choice(X, T.class), form.list(X)) and other variables through execution.getVariable(X); names are string
// literals or String constants. A name this reading cannot resolve is reported, never skipped.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

function javaFiles(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? javaFiles(path) : name.endsWith('.java') ? [path] : [];
  });
}

const CONSTANT = /static\s+final\s+String\s+([A-Z][A-Z0-9_]*)\s*=\s*"([^"]*)"\s*;/g;
const STEP = /@Bean\s+(?:JavaDelegate|ExecutionListener|TaskListener)\s+(\w+)\s*\(/g;
const NAME = String.raw`((?:\w+\.)?[A-Z][A-Z0-9_]*|"[^"]*")`;
const FORM_READ = new RegExp(String.raw`(?:\b(\w+)|new\s+FormValues\s*\([^)]*\))\s*\.\s*(?:text|requiredText|integer|choice|list)\s*\(\s*` + NAME + '?', 'g');
const GET_VARIABLE = new RegExp(String.raw`\.getVariable\s*\(\s*` + NAME, 'g');
// execution.setVariable(X, v), map.put(X, v) (also what a form shows from the case record, forms.CaseFormFields) and
// ProcessVariables.set(execution, X, v) (written when it changes).
const SET_VARIABLE = new RegExp(String.raw`(?:\.(?:setVariable|put)\s*\(|\bProcessVariables\s*\.\s*set\s*\(\s*\w+\s*,)\s*` + NAME
  + String.raw`\s*,`, 'g');

export function readJava(root) {
  const files = javaFiles(root).map((path) => {
    const text = readFileSync(path, 'utf8');
    const className = /(?:class|interface|record|enum)\s+(\w+)/.exec(text)?.[1];
    return { path, text, className, constants: new Map([...text.matchAll(CONSTANT)].map((m) => [m[1], m[2]])) };
  });
  const byClass = new Map(files.map((f) => [f.className, f.constants]));

  function resolver(file) {
    const wildcard = [...file.text.matchAll(/import\s+static\s+[\w.]+\.(\w+)\.\*\s*;/g)].map((m) => m[1]);
    const single = new Map([...file.text.matchAll(/import\s+static\s+[\w.]+\.(\w+)\.([A-Z][A-Z0-9_]*)\s*;/g)]
      .map((m) => [m[2], m[1]]));
    return (token) => {
      if (token.startsWith('"')) {
        return token.slice(1, -1);
      }
      const [owner, name] = token.includes('.') ? token.split('.') : [null, token];
      if (owner) {
        return byClass.get(owner)?.get(name);
      }
      if (file.constants.has(name)) {
        return file.constants.get(name);
      }
      if (single.has(name)) {
        return byClass.get(single.get(name))?.get(name);
      }
      const found = wildcard.map((c) => byClass.get(c)?.get(name)).filter((v) => v !== undefined);
      return found.length === 1 ? found[0] : undefined;
    };
  }

  const steps = new Map();
  const set = new Set();
  const unresolved = [];
  for (const file of files) {
    const resolve = resolver(file);
    const where = (token) => `${file.path}: cannot resolve ${token}`;
    for (const m of file.text.matchAll(SET_VARIABLE)) {
      const name = resolve(m[1]);
      if (name !== undefined) {
        set.add(name);
      }
    }
    const starts = [...file.text.matchAll(STEP)];
    starts.forEach((m, i) => {
      // The step's body runs to the next step, or to the class's private helpers after the last one.
      const rest = file.text.slice(m.index, i + 1 < starts.length ? starts[i + 1].index : undefined);
      const body = i + 1 < starts.length ? rest : rest.split(/\n\s*private\s+static\s/)[0];
      const formNames = new Set([...body.matchAll(/FormValues\s+(\w+)\s*=/g)].map((v) => v[1]));
      const formReads = new Set();
      for (const call of body.matchAll(FORM_READ)) {
        if (call[1] && !formNames.has(call[1])) {
          continue;
        }
        const name = call[2] && resolve(call[2]);
        if (name === undefined) {
          unresolved.push(where(call[2] || call[0]));
        } else {
          formReads.add(name);
        }
      }
      const otherReads = new Set();
      for (const read of body.matchAll(GET_VARIABLE)) {
        const name = resolve(read[1]);
        if (name === undefined) {
          unresolved.push(where(read[1]));
        } else {
          otherReads.add(name);
        }
      }
      if (steps.has(m[1])) {
        unresolved.push(`${file.path}: step ${m[1]} is defined twice`);
      }
      steps.set(m[1], { file: file.path, formReads, otherReads });
    });
  }
  return { steps, set, unresolved };
}
