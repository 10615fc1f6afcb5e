import type { CellBuffer } from "../../../tui/engine/buffer.ts";
import type { Size } from "../../../tui/engine/geometry.ts";
import { keyId } from "../../../tui/engine/keys.ts";
import { MemoryTerminal, TerminalExit } from "../../../tui/engine/memory_terminal.ts";
import { type EngineEvent, type Program, Runner } from "../../../tui/engine/program.ts";
import { SYNC_BEGIN } from "../../../tui/engine/render.ts";
import { assert, assertEquals, assertRejects, assertThrows } from "../../_helpers/assert.ts";

interface State {
  selected: number;
  size: Size;
  keys: string[];
}

type Msg = { kind: "tick" } | { kind: "bump" } | { kind: "boom" };

/** A small program: j/k move a marker over 10 rows, q quits, other keys are recorded. */
function counter(): Program<State, Msg> {
  return {
    init: (size) => ({ selected: 0, size, keys: [] }),
    update(state, message: Msg | EngineEvent, io) {
      switch (message.kind) {
        case "tick":
          return state; // nothing changed: no paint
        case "bump":
          return { ...state, selected: state.selected + 1 };
        case "boom":
          throw new Error("reducer failed");
        case "resize":
          return { ...state, size: message.size };
        case "paste":
          return { ...state, keys: [...state.keys, `paste:${message.text}`] };
        case "key": {
          const id = keyId(message);
          if (id === "q") {
            io.quit();
            return state;
          }
          if (id === "a") {
            io.after(5, { kind: "bump" });
            return state;
          }
          if (id === "j") return { ...state, selected: Math.min(9, state.selected + 1) };
          if (id === "k") return { ...state, selected: Math.max(0, state.selected - 1) };
          return { ...state, keys: [...state.keys, id] };
        }
      }
    },
    view(state, buffer: CellBuffer) {
      for (let i = 0; i < Math.min(10, buffer.height); i++) {
        buffer.write(0, i, `${i === state.selected ? ">" : " "} row ${i}`, 0);
      }
      buffer.write(0, buffer.height - 1, `${state.size.columns}x${state.size.rows}`, 0);
    },
  };
}

/** Wait until `predicate` holds (polling; generous deadline). */
async function until(predicate: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 5000;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
}

Deno.test("Runner.frame: every pending key goes through update before one paint", () => {
  const terminal = new MemoryTerminal({ columns: 20, rows: 12 });
  const runner = new Runner(counter(), terminal, { colorDepth: "none" });
  assertEquals(runner.frame(), true); // the first frame
  runner.feed("jjj");
  runner.feed("k");
  assertEquals(runner.frame(), true);
  assertEquals(runner.state.selected, 2);
  assertEquals(runner.stats.updates, 4);
  assertEquals(runner.stats.views, 2);
  assertEquals(terminal.writes.length, 2);
  assertEquals(terminal.screenText()[0], "  row 0             ");
  assertEquals(terminal.screenText()[2], "> row 2             ");
});

Deno.test("Runner.frame: a no-change message does no view work and writes nothing", () => {
  const terminal = new MemoryTerminal({ columns: 20, rows: 12 });
  const runner = new Runner(counter(), terminal, { colorDepth: "none" });
  runner.frame();
  runner.dispatch({ kind: "tick" });
  runner.dispatch({ kind: "tick" });
  assertEquals(runner.frame(), false);
  assertEquals(runner.stats.views, 1);
  assertEquals(terminal.writes.length, 1);
  // k at the top leaves the selection where it is, but the reducer made a new object:
  // the view runs and the diff finds nothing to write.
  runner.feed("k");
  assertEquals(runner.frame(), false);
  assertEquals(runner.stats.views, 2);
  assertEquals(terminal.writes.length, 1);
});

Deno.test("Runner.frame: a highlight move writes only the changed rows' cells", () => {
  const terminal = new MemoryTerminal({ columns: 20, rows: 12 });
  const runner = new Runner(counter(), terminal, { colorDepth: "none" });
  runner.frame();
  runner.feed("j");
  runner.frame();
  const frame = terminal.writes[1];
  assert(frame.startsWith(SYNC_BEGIN));
  // deno-lint-ignore no-control-regex -- cursor moves are what it counts
  assertEquals(frame.match(/\x1b\[\d+;\d+H/g), ["\x1b[1;1H", "\x1b[2;1H"]);
});

Deno.test("Runner.resized: the program sees the new size and the screen is redrawn whole", () => {
  const terminal = new MemoryTerminal({ columns: 20, rows: 12 });
  const runner = new Runner(counter(), terminal, { colorDepth: "none" });
  runner.frame();
  terminal.resize({ columns: 30, rows: 11 }); // clears the emulated screen
  runner.resized();
  runner.frame();
  assertEquals(runner.state.size, { columns: 30, rows: 11 });
  assertEquals(terminal.screenText()[10], "30x11".padEnd(30));
  assertEquals(terminal.screenText()[0], "> row 0".padEnd(30));
});

Deno.test("Runner.frame: Ctrl+Z suspends (not a key for the program); other keys pass", () => {
  const terminal = new MemoryTerminal({ columns: 20, rows: 12 });
  const runner = new Runner(counter(), terminal, { colorDepth: "none" });
  runner.feed("\x1ax");
  runner.frame();
  assertEquals(terminal.stops, 1);
  assertEquals(runner.state.keys, ["x"]);
  const keep = new Runner(counter(), terminal, { colorDepth: "none", suspendKey: null });
  keep.feed("\x1a");
  keep.frame();
  assertEquals(keep.state.keys, ["ctrl+z"]);
});

Deno.test("Runner.run: enters the screen, paints, quits on q and restores the terminal", async () => {
  const terminal = new MemoryTerminal({ columns: 20, rows: 12 });
  const runner = new Runner(counter(), terminal, { colorDepth: "none" });
  const done = runner.run();
  await until(() => terminal.writes.length >= 2, "the first frame");
  assertEquals(terminal.raw, true);
  assertEquals(terminal.modes.get(1049), true);
  assertEquals(terminal.modes.get(25), false);
  assertEquals(terminal.modes.get(2004), true);
  assert(terminal.listens("SIGWINCH") && terminal.listens("SIGTERM"));
  terminal.type("jj");
  await until(() => runner.state.selected === 2, "two j");
  terminal.type("q");
  const state = await done;
  assertEquals(state.selected, 2);
  assertEquals(terminal.raw, false);
  assertEquals(terminal.modes.get(1049), false);
  assertEquals(terminal.modes.get(25), true);
  assertEquals(terminal.modes.get(2004), false);
  assertEquals(terminal.modes.get(7), true);
  assert(!terminal.listens("SIGWINCH") && !terminal.listens("SIGTERM"));
});

Deno.test("Runner.run: a reducer that throws ends the run with its error, terminal restored", async () => {
  const terminal = new MemoryTerminal({ columns: 20, rows: 12 });
  const runner = new Runner(counter(), terminal, { colorDepth: "none" });
  const done = runner.run();
  runner.dispatch({ kind: "boom" });
  await assertRejects(() => done, Error, "reducer failed");
  assertEquals(terminal.raw, false);
  assertEquals(terminal.modes.get(1049), false);
  assertEquals(terminal.modes.get(25), true);
});

Deno.test("Runner.run: SIGTERM restores the terminal and exits 143", async () => {
  const terminal = new MemoryTerminal({ columns: 20, rows: 12 });
  const runner = new Runner(counter(), terminal, { colorDepth: "none" });
  const done = runner.run();
  await until(() => terminal.writes.length >= 2, "the first frame");
  assertThrows(() => terminal.signal("SIGTERM"), TerminalExit, "terminal exit 143");
  assertEquals(terminal.exits, [143]);
  assertEquals(terminal.raw, false);
  assertEquals(terminal.modes.get(1049), false);
  assertEquals(terminal.modes.get(25), true);
  terminal.type("q"); // a real process is gone by now; end the run for the test
  await done;
});

Deno.test("Runner.run: SIGINT exits 130; SIGHUP 129", async () => {
  for (const [signal, code] of [["SIGINT", 130], ["SIGHUP", 129]] as const) {
    const terminal = new MemoryTerminal({ columns: 20, rows: 12 });
    const runner = new Runner(counter(), terminal, { colorDepth: "none" });
    const done = runner.run();
    await until(() => terminal.writes.length >= 2, "the first frame");
    assertThrows(() => terminal.signal(signal), TerminalExit, `terminal exit ${code}`);
    assertEquals(terminal.modes.get(1049), false);
    terminal.type("q");
    await done;
  }
});

Deno.test("Runner.run: Ctrl+Z leaves the screen; SIGCONT re-enters and redraws everything", async () => {
  const terminal = new MemoryTerminal({ columns: 20, rows: 12 });
  const runner = new Runner(counter(), terminal, { colorDepth: "none" });
  const done = runner.run();
  terminal.type("j");
  await until(() => terminal.screenText()[1].startsWith("> row 1"), "j painted");
  terminal.type("\x1a");
  await until(() => terminal.stops === 1, "the stop");
  assertEquals(terminal.raw, false);
  assertEquals(terminal.modes.get(1049), false);
  assertEquals(terminal.modes.get(25), true);
  // While stopped the shell owns the screen (the emulator's screen is cleared here).
  terminal.write("\x1b[2J");
  terminal.signal("SIGCONT");
  assertEquals(terminal.raw, true);
  assertEquals(terminal.modes.get(1049), true);
  await until(() => terminal.screenText()[1].startsWith("> row 1"), "the redraw");
  assertEquals(terminal.screenText()[0], "  row 0".padEnd(20));
  terminal.type("q");
  await done;
});

Deno.test("Runner.run: SIGWINCH resizes", async () => {
  const terminal = new MemoryTerminal({ columns: 20, rows: 12 });
  const runner = new Runner(counter(), terminal, { colorDepth: "none" });
  const done = runner.run();
  await until(() => terminal.writes.length >= 2, "the first frame");
  terminal.resize({ columns: 25, rows: 8 });
  await until(() => terminal.screenText()[7]?.startsWith("25x8"), "the resized frame");
  assertEquals(runner.state.size, { columns: 25, rows: 8 });
  terminal.type("q");
  await done;
});

Deno.test("Runner.run: a lone ESC reaches the program after the escape timeout", async () => {
  const terminal = new MemoryTerminal({ columns: 20, rows: 12 });
  const runner = new Runner(counter(), terminal, { colorDepth: "none", escapeTimeoutMs: 20 });
  const done = runner.run();
  terminal.type("\x1b");
  await until(() => runner.state.keys.length === 1, "the escape key");
  assertEquals(runner.state.keys, ["escape"]);
  terminal.type("\x1bx");
  await until(() => runner.state.keys.length === 2, "alt+x");
  assertEquals(runner.state.keys, ["escape", "alt+x"]);
  terminal.type("q");
  await done;
});

Deno.test("Runner.run: io.after delivers a message later", async () => {
  const terminal = new MemoryTerminal({ columns: 20, rows: 12 });
  const runner = new Runner(counter(), terminal, { colorDepth: "none" });
  const done = runner.run();
  terminal.type("a");
  await until(() => runner.state.selected === 1, "the delayed bump");
  await until(() => terminal.screenText()[1].startsWith("> row 1"), "its paint");
  terminal.type("q");
  await done;
});

Deno.test("Runner.run: keys arriving in separate chunks before the frame share one paint", async () => {
  const terminal = new MemoryTerminal({ columns: 20, rows: 12 });
  const runner = new Runner(counter(), terminal, { colorDepth: "none" });
  const done = runner.run();
  await until(() => terminal.writes.length >= 2, "the first frame");
  const views = runner.stats.views;
  for (let i = 0; i < 5; i++) terminal.type("j");
  await until(() => runner.state.selected === 5, "five j");
  await until(() => runner.stats.views > views, "the paint");
  await new Promise((resolve) => setTimeout(resolve, 30));
  assertEquals(runner.stats.views, views + 1);
  terminal.type("q");
  await done;
});

Deno.test("Runner.run: Deno.exit from elsewhere (the unload event) still restores the terminal", async () => {
  const terminal = new MemoryTerminal({ columns: 20, rows: 12 });
  const runner = new Runner(counter(), terminal, { colorDepth: "none" });
  const done = runner.run();
  await until(() => terminal.writes.length >= 2, "the first frame");
  globalThis.dispatchEvent(new Event("unload"));
  assertEquals(terminal.raw, false);
  assertEquals(terminal.modes.get(1049), false);
  assertEquals(terminal.modes.get(25), true);
  terminal.type("q");
  await done;
});

Deno.test("Runner.run: input that ends (the terminal is gone) ends the run, terminal restored", async () => {
  const terminal = new MemoryTerminal({ columns: 20, rows: 12 });
  const runner = new Runner(counter(), terminal, { colorDepth: "none" });
  const done = runner.run();
  terminal.type("j");
  await until(() => runner.state.selected === 1, "j");
  terminal.stopInput();
  assertEquals((await done).selected, 1);
  assertEquals(terminal.modes.get(1049), false);
  assertEquals(terminal.raw, false);
});

/** What the terminal looked like while a hand-off ran its child. */
function terminalModes(terminal: MemoryTerminal) {
  return {
    raw: terminal.raw,
    alternate: terminal.modes.get(1049),
    cursor: terminal.modes.get(25),
    paste: terminal.modes.get(2004),
    reading: terminal.reading,
  };
}

Deno.test("Runner.handOff: leaves raw mode and the screen, stops input, runs, then re-enters and repaints all", async () => {
  const terminal = new MemoryTerminal({ columns: 20, rows: 12 });
  const runner = new Runner(counter(), terminal, { colorDepth: "none" });
  const done = runner.run();
  terminal.type("jj");
  await until(() => terminal.screenText()[2].startsWith("> row 2"), "two j painted");
  assertEquals(terminal.inputStarts, 1);
  let during: ReturnType<typeof terminalModes> | null = null;
  let writesDuring = -1;
  const result = await runner.handOff(async () => {
    during = terminalModes(terminal);
    assertEquals(runner.handedOff, true);
    // The child owns the screen: it draws there (the emulated screen is cleared).
    terminal.write("\x1b[2Jeditor");
    const before = terminal.writes.length;
    // The program keeps reducing meanwhile, but paints nothing on the child's screen.
    runner.dispatch({ kind: "bump" });
    await until(() => runner.state.selected === 3, "the bump reduced");
    await new Promise((resolve) => setTimeout(resolve, 20));
    writesDuring = terminal.writes.length - before;
    return "saved text";
  });
  assertEquals(result, "saved text");
  assertEquals(during, {
    raw: false,
    alternate: false,
    cursor: true,
    paste: false,
    reading: false,
  });
  assertEquals(writesDuring, 0);
  // Back: raw mode, the alternate screen, input read again.
  assertEquals(terminalModes(terminal), {
    raw: true,
    alternate: true,
    cursor: false,
    paste: true,
    reading: true,
  });
  assertEquals(runner.handedOff, false);
  assertEquals(terminal.inputStarts, 2);
  // Every row is painted again (not a diff against the screen before the hand-off).
  await until(() => terminal.screenText()[3].startsWith("> row 3"), "the full repaint");
  const rows = terminal.screenText();
  assertEquals(rows[0], "  row 0".padEnd(20));
  assertEquals(rows[9], "  row 9".padEnd(20));
  assertEquals(rows[11], "20x12".padEnd(20));
  // The state is kept and keys reach the program again.
  terminal.type("j");
  await until(() => runner.state.selected === 4, "j after the hand-off");
  terminal.type("q");
  assertEquals((await done).selected, 4);
});

Deno.test("Runner.handOff: a failing child rejects with its error; the screen and input come back", async () => {
  const terminal = new MemoryTerminal({ columns: 20, rows: 12 });
  const runner = new Runner(counter(), terminal, { colorDepth: "none" });
  const done = runner.run();
  await until(() => terminal.writes.length >= 2, "the first frame");
  await assertRejects(
    () => runner.handOff(() => Promise.reject(new Error("editor exited with 1"))),
    Error,
    "editor exited with 1",
  );
  assertEquals(terminal.raw, true);
  assertEquals(terminal.modes.get(1049), true);
  terminal.type("j");
  await until(() => terminal.screenText()[1].startsWith("> row 1"), "j painted after");
  terminal.type("q");
  await done;
});

Deno.test("Runner.handOff: SIGCONT leaves the child's screen alone, SIGINT is the child's, SIGTERM exits", async () => {
  const terminal = new MemoryTerminal({ columns: 20, rows: 12 });
  const runner = new Runner(counter(), terminal, { colorDepth: "none" });
  const done = runner.run();
  await until(() => terminal.writes.length >= 2, "the first frame");
  await runner.handOff(() => {
    // Ctrl+Z in the child stops the whole group; `fg` continues it.
    terminal.signal("SIGTSTP");
    assertEquals(terminal.stops, 1);
    terminal.signal("SIGCONT");
    assertEquals([terminal.raw, terminal.modes.get(1049)], [false, false]);
    // Ctrl+C typed into a cooked-mode child reaches us too: the child decides.
    terminal.signal("SIGINT");
    assertEquals(terminal.exits, []);
    return Promise.resolve();
  });
  assertEquals([terminal.raw, terminal.modes.get(1049)], [true, true]);
  // After the hand-off SIGINT exits again.
  assertThrows(() => terminal.signal("SIGINT"), TerminalExit, "terminal exit 130");
  terminal.type("q");
  await done;
  // SIGTERM during a hand-off still exits 143.
  const second = new MemoryTerminal({ columns: 20, rows: 12 });
  const other = new Runner(counter(), second, { colorDepth: "none" });
  const running = other.run();
  await until(() => second.writes.length >= 2, "the first frame");
  await other.handOff(() => {
    assertThrows(() => second.signal("SIGTERM"), TerminalExit, "terminal exit 143");
    return Promise.resolve();
  });
  assertEquals(second.exits, [143]);
  second.type("q");
  await running;
});

Deno.test("Runner.handOff: hand-offs asked at once run one after the other", async () => {
  const terminal = new MemoryTerminal({ columns: 20, rows: 12 });
  const runner = new Runner(counter(), terminal, { colorDepth: "none" });
  const done = runner.run();
  await until(() => terminal.writes.length >= 2, "the first frame");
  const log: string[] = [];
  const child = (name: string) => async () => {
    log.push(`${name} start alternate=${terminal.modes.get(1049)}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
    log.push(`${name} end`);
    return name;
  };
  assertEquals(await Promise.all([runner.handOff(child("a")), runner.handOff(child("b"))]), [
    "a",
    "b",
  ]);
  assertEquals(log, ["a start alternate=false", "a end", "b start alternate=false", "b end"]);
  terminal.type("q");
  await done;
});

Deno.test("Runner.handOff: before the program runs, the child just runs on the terminal as it is", async () => {
  const terminal = new MemoryTerminal({ columns: 20, rows: 12 });
  const runner = new Runner(counter(), terminal, { colorDepth: "none" });
  assertEquals(await runner.handOff(() => Promise.resolve(7)), 7);
  assertEquals(terminal.writes, []);
  assertEquals([terminal.raw, terminal.inputStarts], [false, 0]);
});
