import { ERROR_CODES, ROLES } from '@minga/contracts';
import en from './en.json';
import es from './es.json';
import ja from './ja.json';

type Tree = { [key: string]: string | Tree };

function flatten(tree: Tree, prefix = ''): Record<string, string> {
  return Object.entries(tree).reduce<Record<string, string>>((flat, [key, value]) => {
    const path = prefix ? `${prefix}.${key}` : key;
    return typeof value === 'string' ? { ...flat, [path]: value } : { ...flat, ...flatten(value, path) };
  }, {});
}

function placeholders(text: string): string[] {
  return [...text.matchAll(/{{\s*(\w+)\s*}}/g)].map(([, name]) => name ?? '').sort();
}

const english = flatten(en);
const translations = { ja: flatten(ja), es: flatten(es) };

describe('translations', () => {
  it.each(Object.entries(translations))('%s has exactly the English keys', (_language, translated) => {
    expect(Object.keys(translated).sort()).toEqual(Object.keys(english).sort());
  });

  it.each(Object.entries(translations))('%s fills the same placeholders as English, and no text is empty', (_language, translated) => {
    for (const [key, text] of Object.entries(english)) {
      expect(translated[key]?.trim() ?? '', key).toMatch(/\S/);
      expect(placeholders(translated[key] ?? ''), key).toEqual(placeholders(text));
    }
  });

  it('names every role and explains every error code of the catalogue (HTTP and sockets)', () => {
    for (const roleName of ROLES) expect(english[`roles.${roleName}`] ?? '', roleName).toMatch(/\S/);
    for (const code of ERROR_CODES) expect(english[`errors.${code}`] ?? '', code).toMatch(/\S/);
  });

  it('translates Japanese and Spanish rather than copying English', () => {
    // Words spelled the same in both languages.
    const sameInSpanish = ['people.roles', 'tableExport.format.json'];
    const copied = (translated: Record<string, string>) =>
      Object.entries(english)
        .filter(([key, text]) => translated[key] === text && /[a-z]{4,}/i.test(text.replace(/{{\w+}}|Minga/g, '')))
        .map(([key]) => key);
    expect(copied(translations.ja)).toEqual([]);
    expect(copied(translations.es)).toEqual(sameInSpanish);
  });
});
