import { z } from 'zod';

export const AUDIENCES = ['staff', 'parents', 'superusers', 'support-entitled', 'administrators'] as const;
export type Audience = (typeof AUDIENCES)[number];

/** Question kinds an entry may name in `asks` (see src/search/question-type.ts). */
export const ASKS = ['hvem', 'hvornår', 'hvor-mange', 'hvordan', 'hvor', 'hvorfor', 'problem', 'ja-nej', 'hvad'] as const;

const nonEmpty = (what: string) => z.string({ required_error: `mangler ${what}`, invalid_type_error: `${what} skal være tekst` }).trim().min(1, `${what} er tom`);

/** Front matter of one FAQ entry; messages are Danish because editors read them. */
export const entryFrontMatterSchema = z
  .object({
    id: nonEmpty('id').regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'id må kun indeholde a-z, 0-9 og bindestreger'),
    title: nonEmpty('title'),
    alternatives: z.array(nonEmpty('alternativ formulering')).default([]),
    category: nonEmpty('category'),
    tags: z.array(z.union([z.string(), z.number()]).transform(String)).default([]),
    audience: z
      .array(z.enum(AUDIENCES, { errorMap: () => ({ message: `audience skal være en af ${AUDIENCES.join(', ')}` }) }))
      .min(1, 'audience skal have mindst én målgruppe'),
    source: z.union([nonEmpty('source'), z.array(nonEmpty('source')).min(1, 'source er tom')], {
      errorMap: (issue, ctx) => ({ message: ctx.data === undefined ? 'mangler source (kilde-id fra data/sources.yaml eller URL)' : 'source skal være tekst eller en liste af tekster' }),
    }),
    as_of: z
      .union([z.string(), z.number(), z.date()])
      .transform((v) => (v instanceof Date ? v.toISOString().slice(0, 10) : String(v)))
      .pipe(z.string().regex(/^\d{4}(-\d{2}(-\d{2})?)?$/, 'as_of skal være ÅÅÅÅ, ÅÅÅÅ-MM eller ÅÅÅÅ-MM-DD'))
      .optional(),
    /** Phrasings the entry must not answer (a question containing all their words is not answered by it). */
    not_for: z.array(nonEmpty('not_for-formulering')).optional(),
    /** The kinds of question the entry answers; without it they are read from the title and alternatives. */
    asks: z
      .array(z.enum(ASKS, { errorMap: () => ({ message: `asks skal være en af ${ASKS.join(', ')}` }) }))
      .min(1, 'asks skal have mindst én spørgsmålstype')
      .optional(),
  })
  .strict();

export type EntryFrontMatter = z.infer<typeof entryFrontMatterSchema>;

/** One loaded FAQ entry. */
export interface FaqEntry {
  id: string;
  title: string;
  alternatives: string[];
  category: string;
  tags: string[];
  audience: Audience[];
  /** What people read after "Kilde:": registry ids and known URLs resolved to publisher, title and year. */
  sources: string[];
  /** The `source` values as written in the file (ids, URLs or text). */
  sourceRefs: string[];
  asOf?: string;
  /** Phrasings the entry must not answer (front matter `not_for`). */
  notFor?: string[];
  /** The kinds of question the entry answers (front matter `asks`). */
  asks?: string[];
  /** Danish answer in Markdown. */
  body: string;
  /** Path relative to the knowledge directory. */
  file: string;
}
