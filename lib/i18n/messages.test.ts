/**
 * Every language has exactly the messages of the English catalogue, with the same placeholders,
 * rich-text tags and select options, and each message parses as ICU.
 */
import { parse, TYPE, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import { describe, expect, it } from 'vitest';
import de from '@/messages/de.json';
import en from '@/messages/en.json';
import es from '@/messages/es.json';
import fr from '@/messages/fr.json';
import { LOCALES } from './locales';

type Catalogue = { [key: string]: string | Catalogue };

function flatten(catalogue: Catalogue, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(catalogue)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') out.set(path, value);
    else for (const [k, v] of flatten(value, path)) out.set(k, v);
  }
  return out;
}

/** "arg:name", "tag:name" and "select:name=opt1|opt2" for every element, sorted and unique. */
function shape(elements: MessageFormatElement[], into = new Set<string>()): Set<string> {
  for (const el of elements) {
    switch (el.type) {
      case TYPE.argument:
      case TYPE.number:
      case TYPE.date:
      case TYPE.time:
        into.add(`arg:${el.value}`);
        break;
      case TYPE.tag:
        into.add(`tag:${el.value}`);
        shape(el.children, into);
        break;
      case TYPE.select:
        into.add(`select:${el.value}=${Object.keys(el.options).sort().join('|')}`);
        for (const option of Object.values(el.options)) shape(option.value, into);
        break;
      case TYPE.plural:
        // Plural categories differ between languages; the argument must be the same.
        into.add(`plural:${el.value}`);
        for (const option of Object.values(el.options)) shape(option.value, into);
        break;
      default:
        break;
    }
  }
  return into;
}

const shapeOf = (message: string) => [...shape(parse(message))].sort();

const catalogues: Record<string, Catalogue> = { en, de, es, fr };
const english = flatten(en);

describe('message catalogues', () => {
  it('has a catalogue for every language offered', () => {
    expect(Object.keys(catalogues).sort()).toEqual([...LOCALES].sort());
  });

  for (const locale of LOCALES.filter((l) => l !== 'en')) {
    describe(locale, () => {
      const messages = flatten(catalogues[locale] ?? {});

      it('has exactly the English keys', () => {
        expect([...messages.keys()].sort()).toEqual([...english.keys()].sort());
      });

      it('uses the same placeholders, tags and select options as English', () => {
        for (const [key, message] of messages) {
          const source = english.get(key);
          if (source === undefined) continue;
          expect(shapeOf(message), `${locale}: ${key}`).toEqual(shapeOf(source));
        }
      });

      it('differs from English (it is translated)', () => {
        const same = [...messages].filter(([key, message]) => english.get(key) === message);
        // Product and technical terms (Chat, RTT, Codec…) may stay; most messages must not.
        expect(same.length / messages.size).toBeLessThan(0.1);
      });
    });
  }
});
