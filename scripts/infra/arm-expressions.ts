/**
 * A small reader of ARM template expressions ("[resourceId('Microsoft.Web/sites', variables('x'))]"),
 * enough to check infra/azure.json offline: no az, no bicep and no network here, so the template's
 * references are resolved by evaluating its expressions against sample parameter values.
 *
 * Grammar (Azure Resource Manager template functions): an expression is a string literal in single
 * quotes (a doubled quote escapes one), a number, true/false/null, or a function call with
 * arguments, followed by any number of `.property` or `[index]` accesses.
 */

export type ArmNode =
  | { readonly kind: 'string'; readonly value: string }
  | { readonly kind: 'number'; readonly value: number }
  | { readonly kind: 'literal'; readonly value: boolean | null }
  | { readonly kind: 'call'; readonly name: string; readonly args: readonly ArmNode[] }
  | { readonly kind: 'property'; readonly target: ArmNode; readonly name: string }
  | { readonly kind: 'index'; readonly target: ArmNode; readonly index: ArmNode };

/** A string is an expression when it is wrapped in [ ] and does not start with "[[" (ARM's escape). */
export function isExpression(text: string): boolean {
  return text.startsWith('[') && text.endsWith(']') && !text.startsWith('[[');
}

export function parseExpression(text: string): ArmNode {
  const source = isExpression(text) ? text.slice(1, -1) : text;
  let at = 0;
  const fail = (why: string): never => {
    throw new Error(`cannot read the expression ${JSON.stringify(text)}: ${why} at character ${at}`);
  };
  const skipSpace = (): void => {
    while (at < source.length && /\s/.test(source[at] ?? '')) at += 1;
  };
  const expect = (char: string): void => {
    skipSpace();
    if (source[at] !== char) fail(`expected "${char}"`);
    at += 1;
  };

  function primary(): ArmNode {
    skipSpace();
    const char = source[at];
    if (char === "'") {
      at += 1;
      let value = '';
      for (;;) {
        if (at >= source.length) fail('unterminated string');
        if (source[at] === "'") {
          if (source[at + 1] === "'") {
            value += "'";
            at += 2;
            continue;
          }
          at += 1;
          return { kind: 'string', value };
        }
        value += source[at];
        at += 1;
      }
    }
    const number = /^-?\d+/.exec(source.slice(at));
    if (number) {
      at += number[0].length;
      return { kind: 'number', value: Number(number[0]) };
    }
    const name = /^[A-Za-z_][A-Za-z0-9_.]*/.exec(source.slice(at));
    if (!name) return fail('expected a function, a string or a number');
    at += name[0].length;
    if (name[0] === 'true' || name[0] === 'false') return { kind: 'literal', value: name[0] === 'true' };
    if (name[0] === 'null') return { kind: 'literal', value: null };
    expect('(');
    const args: ArmNode[] = [];
    skipSpace();
    if (source[at] === ')') {
      at += 1;
    } else {
      for (;;) {
        args.push(expression());
        skipSpace();
        if (source[at] === ',') {
          at += 1;
          continue;
        }
        expect(')');
        break;
      }
    }
    return { kind: 'call', name: name[0], args };
  }

  function expression(): ArmNode {
    let node = primary();
    for (;;) {
      skipSpace();
      if (source[at] === '.') {
        at += 1;
        const property = /^[A-Za-z_][A-Za-z0-9_]*/.exec(source.slice(at));
        if (!property) fail('expected a property name');
        at += property![0].length;
        node = { kind: 'property', target: node, name: property![0] };
      } else if (source[at] === '[') {
        at += 1;
        const index = expression();
        expect(']');
        node = { kind: 'index', target: node, index };
      } else {
        return node;
      }
    }
  }

  const node = expression();
  skipSpace();
  if (at !== source.length) fail('unexpected text after the expression');
  return node;
}

/** Every function call in an expression, outermost first. */
export function callsIn(node: ArmNode): { name: string; args: readonly ArmNode[] }[] {
  switch (node.kind) {
    case 'call':
      return [{ name: node.name, args: node.args }, ...node.args.flatMap(callsIn)];
    case 'property':
      return callsIn(node.target);
    case 'index':
      return [...callsIn(node.target), ...callsIn(node.index)];
    default:
      return [];
  }
}
