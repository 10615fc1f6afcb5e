/**
 * A command group's declarations recorded without commander, and a parser
 * for the plain command lines of the hot commands.
 *
 * Loading commander costs about 30 ms of CPU (it pulls in Deno's Node
 * compatibility layer), more than the whole command the hot paths run. So
 * `cli/quick.ts` hands a group's `register(program, app)` a
 * {@linkcode RecordedCommand} instead of commander's `Command`: it records
 * the same chain of calls (`command`, `option`, `argument`, `action`, ...),
 * and {@linkcode parseQuick} reads a command line against the record exactly
 * as commander would, for the forms it understands. Everything else (help,
 * an unknown or malformed option, a missing or excess argument, a value its
 * parser refuses, option syntax this parser does not implement) is declined
 * with `null`, and the full commander tree then runs, so help texts and
 * error messages stay commander's own.
 *
 * @module
 */

/** An option as declared (a subset of commander's `Option`). */
export class RecordedOption {
  readonly flags: string;
  readonly short?: string;
  readonly long?: string;
  /** `none` (a switch), `required` (`<value>`); anything else declines quick parsing. */
  readonly value: "none" | "required" | "unsupported";
  /** The key in the parsed options (commander's `attributeName()`). */
  readonly key: string;
  defaultValue?: unknown;
  parser?: (value: string, previous: unknown) => unknown;
  allowed?: readonly string[];
  mandatory = false;

  /** Reads `flags` as commander's `Option` does (short and long flag, value syntax). */
  constructor(flags: string, _description?: string) {
    this.flags = flags;
    const parts = flags.split(/[ |,]+/);
    const short = /^-[^-]$/;
    const long = /^--[^-]/;
    if (short.test(parts[0])) this.short = parts.shift();
    if (long.test(parts[0] ?? "")) this.long = parts.shift();
    if (!this.short && long.test(parts[0] ?? "")) {
      // Two long flags, `--ws, --workspace`: the first plays the short one.
      this.short = this.long;
      this.long = parts.shift();
    }
    const required = flags.includes("<");
    const optional = flags.includes("[");
    // The Unicode-property pattern is only compiled for flags that can match it.
    const variadic = flags.includes("...") && /\p{ID_Continue}\.\.\.[>\]]$/u.test(flags);
    const negate = this.long?.startsWith("--no-") ?? false;
    const plain = this.short !== undefined || this.long !== undefined;
    // Optional values, variadic options and `--no-x` switches are commander's alone.
    this.value = !plain || optional || variadic || negate
      ? "unsupported"
      : required
      ? "required"
      : "none";
    const name = this.long ? this.long.slice(2) : (this.short ?? "").slice(1);
    this.key = name.split("-").reduce((key, word) => key + word[0].toUpperCase() + word.slice(1));
  }

  /** commander's `Option.choices()`. */
  choices(values: readonly string[]): this {
    this.allowed = values;
    return this;
  }

  /** commander's `Option.default()`. */
  default(value: unknown, _description?: string): this {
    this.defaultValue = value;
    return this;
  }

  /** commander's `Option.argParser()`. */
  argParser(parser: (value: string, previous: unknown) => unknown): this {
    this.parser = parser;
    return this;
  }
}

/** A positional argument as declared. */
interface RecordedArgument {
  required: boolean;
  variadic: boolean;
}

/** The signature of an action: positional values, then the options object. */
// deno-lint-ignore no-explicit-any
type Action = (...args: any[]) => unknown;

/**
 * The calls a group's `register()` makes on commander's `Command`, recorded.
 * Only what sase's command groups use is offered; a group that calls
 * anything else fails to record, and its commands take the full parser.
 */
export class RecordedCommand {
  readonly name: string;
  readonly aliases: string[] = [];
  readonly options: RecordedOption[] = [];
  readonly arguments: RecordedArgument[] = [];
  readonly commands: RecordedCommand[] = [];
  handler?: Action;

  constructor(name = "") {
    this.name = name;
  }

  /** commander's `Command.command(name)`: a new child, returned for chaining. */
  command(name: string): RecordedCommand {
    if (name.includes(" ")) throw new Error(`cannot record command '${name}' with arguments`);
    const child = new RecordedCommand(name);
    this.commands.push(child);
    return child;
  }

  /** commander's `Command.description()` (not needed to parse). */
  description(_text: string): this {
    return this;
  }

  /** commander's `Command.addHelpText()` (not needed to parse). */
  addHelpText(_position: string, _text: string): this {
    return this;
  }

  /** commander's `Command.alias()`. */
  alias(name: string): this {
    this.aliases.push(name);
    return this;
  }

  /** commander's `Command.argument()`: `<name>`, `[name]`, `<name...>` or `[name...]`. */
  argument(spec: string, _description?: string): this {
    const match = /^([<[])[^.\]>]+(\.\.\.)?[\]>]$/.exec(spec);
    if (!match) throw new Error(`cannot record argument '${spec}'`);
    this.arguments.push({ required: match[1] === "<", variadic: match[2] !== undefined });
    return this;
  }

  /** commander's `Command.createOption()`. */
  createOption(flags: string, description?: string): RecordedOption {
    return new RecordedOption(flags, description);
  }

  /** commander's `Command.option(flags, description, parser or default, default)`. */
  option(flags: string, description?: string, parse?: unknown, defaultValue?: unknown): this {
    const option = new RecordedOption(flags, description);
    if (typeof parse === "function") {
      option.default(defaultValue).argParser(parse as RecordedOption["parser"] & object);
    } else option.default(parse);
    return this.addOption(option);
  }

  /** commander's `Command.requiredOption()`. */
  requiredOption(
    flags: string,
    description?: string,
    parse?: unknown,
    defaultValue?: unknown,
  ): this {
    this.option(flags, description, parse, defaultValue);
    this.options[this.options.length - 1].mandatory = true;
    return this;
  }

  /** commander's `Command.addOption()`; takes options made by {@linkcode createOption}. */
  addOption(option: RecordedOption): this {
    if (!(option instanceof RecordedOption)) throw new Error("cannot record a commander Option");
    this.options.push(option);
    return this;
  }

  /** commander's `Command.action()`. */
  action(handler: Action): this {
    this.handler = handler;
    return this;
  }

  /** The child called (or aliased) `word`. */
  child(word: string): RecordedCommand | undefined {
    return this.commands.find((child) => child.name === word || child.aliases.includes(word));
  }
}

/** A command line read against a {@linkcode RecordedCommand}. */
export interface QuickParse {
  /** Positional values, as commander passes them to the action. */
  args: unknown[];
  /** The options object, as commander's `opts()`. */
  options: Record<string, unknown>;
}

/** Whether `arg` is option-like to commander (`-` alone is a value). */
function optionLike(arg: string): boolean {
  return arg.length > 1 && arg.startsWith("-");
}

/**
 * Read `args` (the words after the command's name) as commander would for
 * `command`, or `null` when commander must answer (see the module doc).
 * A value parser that throws also declines: commander then reports it.
 */
export function parseQuick(command: RecordedCommand, args: readonly string[]): QuickParse | null {
  // commander's ancestors consume a `--` before the command sees the words
  // after it, with surprising results: leave those lines to commander.
  if (args.includes("--")) return null;
  if (command.options.some((option) => option.value === "unsupported")) return null;
  const options: Record<string, unknown> = {};
  for (const option of command.options) {
    if (option.defaultValue !== undefined) options[option.key] = option.defaultValue;
  }
  /** Store `value` for `option`; false when commander would refuse it (or might read it otherwise). */
  const setValue = (option: RecordedOption, value: string | undefined): boolean => {
    if (value === undefined || optionLike(value)) return false;
    if (option.allowed && !option.allowed.includes(value)) return false;
    try {
      options[option.key] = option.parser ? option.parser(value, options[option.key]) : value;
    } catch {
      return false;
    }
    return true;
  };
  const find = (flag: string) =>
    command.options.find((option) => option.short === flag || option.long === flag);
  const positional: string[] = [];
  for (let at = 0; at < args.length; at++) {
    const arg = args[at];
    if (!optionLike(arg)) {
      positional.push(arg);
      continue;
    }
    const whole = find(arg);
    if (whole) {
      if (whole.value === "none") options[whole.key] = true;
      else if (!setValue(whole, args[++at])) return null;
      continue;
    }
    if (arg.startsWith("--")) {
      const equals = arg.indexOf("=");
      const option = equals > 2 ? find(arg.slice(0, equals)) : undefined;
      if (option?.value !== "required" || !setValue(option, arg.slice(equals + 1))) return null;
      continue;
    }
    // A group of short switches, `-aj`, or a short option with its value, `-n5`.
    for (let letter = 1; letter < arg.length; letter++) {
      const option = find(`-${arg[letter]}`);
      if (!option) return null;
      if (option.value === "none") {
        options[option.key] = true;
        continue;
      }
      if (letter + 1 === arg.length || !setValue(option, arg.slice(letter + 1))) return null;
      break;
    }
  }
  if (command.options.some((option) => option.mandatory && options[option.key] === undefined)) {
    return null;
  }
  const values: unknown[] = [];
  for (const [index, argument] of command.arguments.entries()) {
    if (argument.required && index >= positional.length) return null;
    if (argument.variadic) return { args: [...values, positional.slice(index)], options };
    values.push(positional[index]);
  }
  if (positional.length > command.arguments.length) return null;
  return { args: values, options };
}
