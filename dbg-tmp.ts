import { readRecording, ReplayModel, promptKey } from './src/bench/scenarios/recorded-model.ts';
import { recordingPath, runScenario } from './src/bench/scenarios/run-scenario.ts';
import { maya } from './src/bench/scenarios/definitions/maya.ts';
import { createStore } from './src/store/index.ts';
const rec = (await readRecording(recordingPath('maya')))!;
class Dbg extends ReplayModel {
  async doGenerate(o: any) {
    const k = promptKey(o);
    if (!rec.calls.some((c) => c.hash === k.hash)) {
      const a = k.promptText.split('\n'); 
      let best = rec.calls.map((c) => { const b = c.promptText.split('\n'); let d = 0; for (let i = 0; i < Math.max(a.length,b.length); i++) if (a[i] !== b[i]) d++; return { c, d }; }).sort((x, y) => x.d - y.d)[0]!;
      const b = best.c.promptText.split('\n');
      for (let i = 0; i < Math.max(a.length, b.length); i++) if (a[i] !== b[i]) { console.log('NOW :', a[i]); console.log('REC :', b[i]); }
      process.exit(0);
    }
    return super.doGenerate(o);
  }
}
const store = createStore({ engine: 'pglite' }); await store.open();
await runScenario(maya, new Dbg(rec), store).catch((e) => console.log(String(e).slice(0, 200)));
