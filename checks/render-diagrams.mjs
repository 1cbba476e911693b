// Renders every processes/*.bpmn to OUT_DIR/<name>.svg with bpmn-js, as Camunda Modeler would draw it.
// usage: node checks/render-diagrams.mjs OUT_DIR   (from the project root)
// Fails when an import reports a warning. bpmn-js names its arrow-head markers at random; they are renumbered in
// order of appearance so that the same diagram always gives the same file. The exporter's comment and DOCTYPE are
// left out.
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { withPage } from './lib/browser.mjs';

const outDir = process.argv[2];
if (!outDir) {
  console.error('usage: node checks/render-diagrams.mjs OUT_DIR');
  process.exit(2);
}
const diagrams = readdirSync('processes').filter((f) => f.endsWith('.bpmn')).sort();
mkdirSync(outDir, { recursive: true });

function stable(svg) {
  const ids = new Map();
  return svg.replace(/<!--[^>]*-->\s*/, '').replace(/<!DOCTYPE[^>]*>\s*/, '').replace(/marker-[a-z0-9]+/g, (id) => {
    if (!ids.has(id)) {
      ids.set(id, `marker-${ids.size + 1}`);
    }
    return ids.get(id);
  });
}

const failures = await withPage({ scripts: ['bpmn-js/dist/bpmn-navigated-viewer.production.min.js'] },
  async (page, problems) => {
    const failed = [];
    for (const file of diagrams) {
      const xml = readFileSync(join('processes', file), 'utf8');
      const result = await page.evaluate(async (diagramXml) => {
        const container = document.getElementById('container');
        container.replaceChildren();
        const viewer = new window.BpmnJS({ container });
        try {
          const { warnings } = await viewer.importXML(diagramXml);
          const { svg } = await viewer.saveSVG();
          return { svg, warnings: warnings.map((w) => w.message) };
        } catch (error) {
          return { error: error.message, warnings: (error.warnings || []).map((w) => w.message) };
        } finally {
          viewer.destroy();
        }
      }, xml);
      const found = [...(result.error ? [`import failed: ${result.error}`] : []),
        ...result.warnings.map((w) => `import warning: ${w}`), ...problems.splice(0)];
      if (found.length) {
        failed.push(...found.map((p) => `processes/${file}: ${p}`));
        continue;
      }
      writeFileSync(join(outDir, basename(file, '.bpmn') + '.svg'), stable(result.svg) + '\n');
    }
    return failed;
  });

if (failures.length) {
  console.error(failures.join('\n'));
  console.error(`diagrams: ${failures.length} problems in ${diagrams.length} diagrams`);
  process.exit(1);
}
console.log(`diagrams: ${diagrams.length} rendered to SVG with bpmn-js, 0 import warnings`);
