import { fold } from '../text/normalize.js';

/**
 * Greetings, thanks and chit-chat. They are not knowledge gaps, so they get a friendly reply
 * instead of a search (where "hvordan går det" would otherwise find "komme/gå").
 */
const SMALL_TALK = [
  /^(hej|hejsa|hey|hi|hallo|halloej|goddag|godmorgen|god morgen|godaften|dav|davs|yo)( med dig| bot| allesammen)?$/,
  /^(mange |tusind |1000 )?tak( for (hjaelpen|det|svaret|nu))?( det var det( hele)?)?$/,
  /^(det var det( hele)?|ok|okay|fint|super|godt|perfekt|farvel|hej hej|vi ses)$/,
  /^hvordan (gaar|har) (det|du det)$/,
  /^(hvem|hvad) er du$/,
  /^(fortael|sig) (en|mig en) (vits|joke|historie)$/,
];

export function isSmallTalk(text: string): boolean {
  const t = fold(text).replace(/[^a-z0-9 ]+/g, ' ').replace(/\s+/g, ' ').trim();
  return SMALL_TALK.some((re) => re.test(t));
}
