/**
 * An Adaptive Card as plain HTML for the inspector's chat view: its text, facts, inputs' labels
 * and buttons, readable without a card renderer. Not a faithful rendering; the Playground is that.
 */
export function esc(s: unknown): string {
  return String(s ?? '').replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** The little Markdown the bot writes: **bold**, _italic_, [links](…), line breaks and "- " lists. */
export function markdown(text: string): string {
  return esc(text)
    .replace(/\*\*([^*]+)\*\*/g, '<b>$1</b>')
    .replace(/(^|\s)_([^_]+)_(?=\s|$|[.,;:])/g, '$1<i>$2</i>')
    .replace(/\[([^\]]+)\]\((https?:[^)\s]+)\)/g, '<a href="$2">$1</a>')
    .replace(/\n/g, '<br>');
}

type Node = Record<string, unknown>;

const isNode = (v: unknown): v is Node => typeof v === 'object' && v !== null && !Array.isArray(v);
const list = (v: unknown): Node[] => (Array.isArray(v) ? v.filter(isNode) : []);

function element(n: Node): string {
  // Hidden until a button shows it (the record card's notes and extra action rows): Teams does not show it either.
  if (n['isVisible'] === false) return '';
  switch (n['type']) {
    case 'TextBlock': {
      const style = n['weight'] === 'Bolder' ? 'font-weight:600;' : '';
      const size = n['size'] === 'Large' ? 'font-size:1.2em;' : n['size'] === 'Small' || n['isSubtle'] === true ? 'font-size:.9em;color:#555;' : '';
      return `<div style="${style}${size}">${markdown(String(n['text'] ?? ''))}</div>`;
    }
    case 'RichTextBlock':
      return `<div>${list(n['inlines']).map((i) => (i['italic'] ? `<i>${esc(i['text'])}</i>` : esc(i['text']))).join('')}</div>`;
    case 'FactSet':
      return `<table class="facts">${list(n['facts']).map((f) => `<tr><th>${esc(f['title'])}</th><td>${markdown(String(f['value'] ?? ''))}</td></tr>`).join('')}</table>`;
    case 'Container':
      return `<div class="box">${list(n['items']).map(element).join('')}</div>`;
    case 'ColumnSet':
      return `<div class="cols">${list(n['columns']).map((c) => `<div>${list(c['items']).map(element).join('')}</div>`).join('')}</div>`;
    case 'ActionSet':
      return actions(list(n['actions']));
    case 'Input.Text':
    case 'Input.Date':
    case 'Input.Time':
    case 'Input.Number':
    case 'Input.ChoiceSet':
    case 'Input.Toggle': {
      const value = n['value'] === undefined || n['value'] === '' ? '' : `: ${esc(n['value'])}`;
      return `<div class="input">[${esc(n['label'] ?? n['placeholder'] ?? n['title'] ?? 'input')}${value}]</div>`;
    }
    default:
      return '';
  }
}

function actions(items: readonly Node[]): string {
  return items.length === 0 ? '' : `<div class="actions">${items.map((a) => `<span class="button">${esc(a['title'])}</span>`).join(' ')}</div>`;
}

export function cardHtml(card: unknown): string {
  if (!isNode(card)) return '';
  return `<div class="card">${list(card['body']).map(element).join('')}${actions(list(card['actions']))}</div>`;
}
