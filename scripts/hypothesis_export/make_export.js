// A Hypothesis export made by the anchoring code Hypothesis's client used, not by hand.
//
//     cd scripts/hypothesis_export && npm ci && node make_export.js
//
// 1. Publishes the bundled article (content/article.ar.txt) as a web page the way a news
//    site would: a header and a footer around it, the title as a heading, « » for “ ”, some
//    names as links and a show's name in italics (inline elements inside paragraphs);
//    writes it to tests/data/interchange/article.ar.html.
// 2. Loads that page in jsdom and selects ranges in its DOM as a reader selects with a
//    mouse: whole sentences, names, quotes with their marks, selections that run across a
//    link or the italics, a triple click on a paragraph, one drag across two paragraphs.
// 3. Describes each range as the client does (its `RangeAnchor`, `TextPositionAnchor` and
//    `TextQuoteAnchor`, root `document.body`): a RangeSelector (XPath of the element holding
//    each end, offset in its text), a TextPositionSelector and a TextQuoteSelector (32
//    characters of context) from `dom-anchor-text-position` and `dom-anchor-text-quote`
//    (tilgovi's packages, which the client used for years); whitespace at the ends of a
//    range is trimmed first, as the client does. Writes the annotations in the format of
//    the client's Export ({"export_date", "export_userid", "client_version",
//    "annotations": [...]}, each annotation as the API gives it) to
//    tests/data/interchange/article.ar.hypothesis-generated.json.
//
// Everything is deterministic (ids, dates): running it again gives the same two files.
// tests/test_interchange.py measures how many of the quotes `reader import` resolves.
'use strict';

const crypto = require('crypto');
const fs = require('fs');
const path = require('path');
const { JSDOM } = require('jsdom');
const textPosition = require('dom-anchor-text-position');
const textQuote = require('dom-anchor-text-quote');

const ROOT = path.resolve(__dirname, '..', '..');
const ARTICLE = path.join(ROOT, 'content', 'article.ar.txt');
const PAGE = path.join(ROOT, 'tests', 'data', 'interchange', 'article.ar.html');
const OUT = path.join(ROOT, 'tests', 'data', 'interchange',
  'article.ar.hypothesis-generated.json');
const URI = 'https://example.com/tech/musk-altman-roadster';
const TITLE = 'ماسك يرد على ألتمان: «نسيت الفصل الرابع»';

// -- 1. the page ---------------------------------------------------------------------------

// Inline markup a site adds: [paragraph (1-based), words, element].
const INLINE = [
  [1, 'Tesla Roadster', 'a href="https://www.tesla.com/roadster"'],
  [2, 'X', 'a href="https://x.com/elonmusk"'],
  [7, 'Business Insider', 'a href="https://www.businessinsider.com"'],
  [9, 'MKBHD', 'a href="https://www.youtube.com/@mkbhd"'],
  [10, 'Joe Rogan Experience', 'em'],
  [19, 'OpenAI Group PBC', 'strong'],
];

function escape(text) {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function page() {
  const paragraphs = fs.readFileSync(ARTICLE, 'utf8').split('\n').filter((p) => p.trim());
  const shown = paragraphs.map((p) => escape(p.replace(/“/g, '«').replace(/”/g, '»')));
  for (const [number, words, element] of INLINE) {
    const name = element.split(' ')[0];
    const at = shown[number - 1].indexOf(words);
    if (at < 0) throw new Error(`"${words}" is not in paragraph ${number}`);
    shown[number - 1] = shown[number - 1].slice(0, at) + `<${element}>${words}</${name}>` +
      shown[number - 1].slice(at + words.length);
  }
  return `<!DOCTYPE html>
<html lang="ar" dir="rtl">
<head>
  <meta charset="utf-8"/>
  <title>${TITLE} | أخبار التقنية</title>
</head>
<body>
  <header>
    <a href="/">أخبار التقنية</a>
    <nav><a href="/tech">تقنية</a> · <a href="/business">أعمال</a> · <a href="/cars">سيارات</a></nav>
  </header>
  <main>
    <article>
      <h1>${TITLE}</h1>
      <div class="byline">بقلم فريق التحرير · 8 ديسمبر 2024</div>
${shown.map((p) => `      <p>${p}</p>`).join('\n')}
    </article>
  </main>
  <footer>
    <p>© 2024 أخبار التقنية. جميع الحقوق محفوظة.</p>
  </footer>
</body>
</html>
`;
}

// -- 2. the selections ---------------------------------------------------------------------

// Each as a reader makes it: `at` the paragraph of the article (1-based; the byline is
// not counted) and the words selected in it, as the page shows them (« »); `nth` picks a
// later place of the same words in that paragraph; `upTo` ends the drag in another
// paragraph; `whole` is a triple click (the paragraph, up to the start of the next).
// `who` is the annotator, `note` the annotation's text, `tags` its tags (`answers: N`:
// the rebuttal answers selection N, written as the tag answers:<its id>).
const LAYLA = ['acct:layla_h@hypothes.is', 'Layla H.'];
const OMAR = ['acct:omar_k@hypothes.is', 'Omar K.'];
const SARA = ['acct:sara.m@hypothes.is', null]; // no display name: the account's
const SELECTIONS = [
  { at: 1, words: 'إيلون ماسك وسام ألتمان يتنافسان.', who: LAYLA, note: 'الخلاف كله' },
  { at: 1, words: 'Tesla Roadster', who: OMAR, note: 'السيارة' },
  { at: 2, words: 'توجه Musk إلى منصته للتواصل الاجتماعي X يوم السبت', who: LAYLA,
    note: 'ماسك يرد على منصته' },
  { at: 3, words: '«حكاية في ثلاثة فصول»', who: LAYLA, note: 'حكاية ألتمان',
    tags: ['claim'], id: 'tale' },
  { at: 3, words: '45 ألف دولار', who: OMAR, note: 'ثمن الحجز' },
  { at: 3, words: 'يطلب استرداد مبلغ 50000 دولار ويتلقى بريدًا إلكترونيًا مرتجعًا.',
    who: OMAR, note: 'الرسالة ارتدت', tags: ['claim'] },
  { at: 4, words: 'لكن 7.5 سنة كانت بمثابة وقت طويل للانتظار', who: LAYLA,
    note: 'سبع سنوات ونصف', tags: ['rebuttal'], answers: 'fastest' },
  { at: 4, words: '«لقد كنت متحمسًا حقًا للسيارة!', who: SARA, note: '' },
  { at: 5, whole: true, who: LAYLA, note: 'جزء من القصة', tags: ['rebuttal'],
    answers: 'tale' },
  { at: 5, words: 'مستردة.', upTo: [6, 'وكتب » ماسك «'], who: OMAR,
    note: 'سحبت إلى الفقرة التالية' },
  { at: 6, words: 'لقد نسيت أن تذكر الفصل الرابع، حيث تم إصلاح هذه المشكلة واستردت ' +
    'أموالك في غضون 24 ساعة.', who: LAYLA, note: 'نسيت الفصل الرابع',
  tags: ['rebuttal'], answers: 'tale', id: 'fourth' },
  { at: 6, words: 'ولكن هذا من طبيعتك', who: SARA, note: 'هجوم شخصي',
    tags: ['rebuttal'], answers: 'fourth' },
  { at: 6, words: 'الفصل الرابع', who: OMAR, note: 'الفصل الرابع (لا العنوان)' },
  { at: 7, words: 'Business Insider', who: OMAR, note: 'المصدر' },
  { at: 7, words: 'ولم يستجب ممثلو شركتي Tesla وAltman لطلب التعليق', who: SARA, note: '' },
  { at: 8, words: '«ستكون أسرع سيارة إنتاجية على الإطلاق»', who: LAYLA,
    note: 'وعد 2017', tags: ['claim'], id: 'fastest' },
  { at: 8, words: 'في عام 2017', who: OMAR, note: 'متى' },
  { at: 9, words: 'شهدت السيارة تأخيرات ولم تدخل مرحلة الإنتاج بعد', who: LAYLA,
    note: 'تأخيرات', tags: ['rebuttal'], answers: 'fastest' },
  { at: 9, words: 'MKBHD', who: OMAR, note: 'يوتيوبر' },
  { at: 9, words: 'قال مستخدم YouTube الشهير MKBHD أيضًا إنه ألغى أحد حجوزات Tesla ' +
    'Roadster بسبب الانتظار الطويل.', who: LAYLA, note: 'ألغى حجزه',
  tags: ['rebuttal'], answers: 'fastest' },
  { at: 10, words: 'برنامج «Joe Rogan Experience»، قال ماسك', who: OMAR, note: 'البودكاست' },
  { at: 10, words: '«تكنولوجيا مجنونة»', who: SARA, note: '', tags: ['claim'] },
  { at: 11, words: 'إذا أخذت كل سيارات جيمس بوند ودمجتها معًا', who: LAYLA, note: 'تشبيه' },
  { at: 11, words: 'جيمس بوند', who: OMAR, note: '' },
  { at: 12, words: 'فريقه «يقترب» من الكشف عن أحدث نسخة من رودستر', who: LAYLA,
    note: 'قريبًا', tags: ['claim'] },
  { at: 12, words: '«لا يُنسى»', who: SARA, note: '' },
  { at: 13, whole: true, who: OMAR, note: 'عنوان فرعي' },
  { at: 14, whole: true, who: LAYLA, note: 'لا يتوقفان' },
  { at: 14, words: 'في قاعة المحكمة', who: OMAR, note: 'المحاكم' },
  { at: 15, words: 'كان ماسك أحد مؤسسي شركة OpenAI وداعمًا ماليًا مبكرًا لها', who: LAYLA,
    note: 'مؤسس', tags: ['claim'] },
  { at: 15, words: 'في عام 2018', who: OMAR, note: 'ترك المجلس' },
  { at: 16, words: 'تم إنشاء OpenAI كشركة مفتوحة المصدر', who: LAYLA,
    note: 'مفتوحة في الأصل', tags: ['claim'], id: 'closed' },
  { at: 16, words: 'Open AI', who: OMAR, note: 'الاسم' },
  { at: 16, words: 'ليس هذا ما كنت أقصده على الإطلاق', who: SARA, note: '' },
  { at: 17, words: 'رفع ماسك دعوى قضائية ضد Altman وOpenAI', who: LAYLA, note: 'الدعوى',
    tags: ['claim'], id: 'lawsuit' },
  { at: 17, words: 'Microsoft', who: OMAR, note: 'الشريك (الثانية)' },
  { at: 17, words: '«بلا أساس على الإطلاق»', who: LAYLA, note: 'رد OpenAI',
    tags: ['rebuttal'], answers: 'lawsuit' },
  { at: 18, words: 'دفع سابقًا لدمج OpenAI مع Tesla', who: LAYLA, note: 'الرسائل',
    tags: ['rebuttal'], answers: 'closed' },
  { at: 18, words: 'OpenAI', nth: 2, who: OMAR, note: 'OpenAI الثانية في الفقرة' },
  { at: 19, words: 'OpenAI Foundation', who: OMAR, note: 'المؤسسة' },
  { at: 19, words: 'الذي يشرف على شركة منفعة عامة جديدة تسمى OpenAI Group PBC', who: LAYLA,
    note: 'إعادة الهيكلة', tags: ['rebuttal'], answers: 'lawsuit' },
];

// -- 3. describing ranges as the client does -------------------------------------------------

function paragraphsOf(document) {
  return [...document.querySelectorAll('main article p')];
}

function rangeIn(element, start, end) {
  // the library's own mapping of text offsets to DOM points, within the paragraph
  return textPosition.toRange(element, { start, end });
}

function selectedRange(document, selection) {
  const paragraphs = paragraphsOf(document);
  const first = paragraphs[selection.at - 1];
  if (selection.whole) { // a triple click: the paragraph up to the start of the next block
    const range = document.createRange();
    range.setStart(first, 0);
    const next = first.nextElementSibling;
    if (next) range.setEnd(next, 0);
    else range.setEnd(first, first.childNodes.length);
    return range;
  }
  const text = first.textContent;
  let at = -1;
  for (let n = 0; n < (selection.nth || 1); n++) at = text.indexOf(selection.words, at + 1);
  if (at < 0) throw new Error(`"${selection.words}" is not in paragraph ${selection.at}`);
  const range = rangeIn(first, at, at + selection.words.length);
  if (selection.upTo) {
    const [number, words] = selection.upTo;
    const last = paragraphs[number - 1];
    const end = last.textContent.indexOf(words);
    if (end < 0) throw new Error(`"${words}" is not in paragraph ${number}`);
    const tail = rangeIn(last, end, end + words.length);
    range.setEnd(tail.endContainer, tail.endOffset);
  }
  return range;
}

function trimmed(root, selected) {
  // The client trims white space at both ends of a selection before describing it.
  const { start, end } = textPosition.fromRange(root, selected);
  const text = root.textContent;
  let s = start;
  let e = end;
  while (s < e && /\s/.test(text[s])) s++;
  while (e > s && /\s/.test(text[e - 1])) e--;
  const range = textPosition.toRange(root, { start: s, end: e });
  // An end that falls between two text nodes is taken at the end of the first (the
  // client resolves a range's end backwards), not at the start of the next.
  if (range.endContainer.nodeType === 3 && range.endOffset === 0 && e > s) {
    const walker = root.ownerDocument.createTreeWalker(root, 4);
    walker.currentNode = range.endContainer;
    const previous = walker.previousNode();
    if (previous) range.setEnd(previous, previous.length);
  }
  return range;
}

function xpathFromNode(node, root) {
  // the client's xpathFromNode: element names with their position among same-named siblings
  const steps = [];
  for (let at = node; at && at !== root; at = at.parentNode) {
    let index = 1;
    for (let sibling = at.previousSibling; sibling; sibling = sibling.previousSibling) {
      if (sibling.nodeName === at.nodeName) index++;
    }
    steps.unshift(`${at.nodeName.toLowerCase()}[${index}]`);
  }
  return '/' + steps.join('/');
}

function textPoint(container, offset) {
  // a range's end as the client's TextRange has it: the element holding the text, and the
  // offset in that element's text
  const element = container.nodeType === 3 ? container.parentElement : container;
  const before = element.ownerDocument.createRange();
  before.setStart(element, 0);
  before.setEnd(container, offset);
  return { element, offset: before.toString().length };
}

function selectors(document, range) {
  const root = document.body;
  const start = textPoint(range.startContainer, range.startOffset);
  const end = textPoint(range.endContainer, range.endOffset);
  const position = textPosition.fromRange(root, range);
  const quote = textQuote.fromRange(root, range);
  return [
    { type: 'RangeSelector', startContainer: xpathFromNode(start.element, root),
      startOffset: start.offset, endContainer: xpathFromNode(end.element, root),
      endOffset: end.offset },
    { type: 'TextPositionSelector', start: position.start, end: position.end },
    { type: 'TextQuoteSelector', exact: quote.exact, prefix: quote.prefix,
      suffix: quote.suffix },
  ];
}

// -- the export --------------------------------------------------------------------------------

function hypothesisId(n) {
  return crypto.createHash('sha256').update(`reader-${n}`).digest('base64url').slice(0, 22);
}

function date(n) {
  const at = new Date(Date.UTC(2024, 11, 8, 9, 0, 0) + n * 97000);
  return at.toISOString().replace('Z', '000+00:00');
}

function annotation(n, who, fields) {
  const [user, name] = who;
  const id = hypothesisId(n);
  return {
    id, created: date(n), updated: date(n), user, uri: URI, text: fields.text || '',
    tags: fields.tags || [], group: '__world__',
    permissions: { read: ['group:__world__'], admin: [user], update: [user], delete: [user] },
    target: fields.target, document: { title: [TITLE] },
    links: { html: `https://hypothes.is/a/${id}`,
      incontext: `https://hyp.is/${id}/example.com/tech/musk-altman-roadster`,
      json: `https://hypothes.is/api/annotations/${id}` },
    user_info: { display_name: name }, flagged: false, hidden: false,
    ...(fields.references ? { references: fields.references } : {}),
  };
}

function main() {
  const html = page();
  fs.writeFileSync(PAGE, html);
  const { window } = new JSDOM(html, { url: URI });
  const { document } = window;
  // the packages were written for browsers: they use the DOM's globals
  global.Node = window.Node;
  global.NodeFilter = window.NodeFilter;
  const named = {};
  SELECTIONS.forEach((selection, n) => {
    if (selection.id) named[selection.id] = hypothesisId(n);
  });
  const annotations = SELECTIONS.map((selection, n) => {
    const range = trimmed(document.body, selectedRange(document, selection));
    const tags = [...(selection.tags || [])];
    if (selection.answers) tags.push(`answers:${named[selection.answers]}`);
    return annotation(n, selection.who, {
      text: selection.note, tags,
      target: [{ source: URI, selector: selectors(document, range) }],
    });
  });
  // A reply (no quote of its own) and a page note (no selector), as exports hold them.
  annotations.push(annotation(SELECTIONS.length, OMAR, {
    text: 'لكنه استرد ماله بعد ذلك', references: [named.tale], target: [{ source: URI }] }));
  annotations.push(annotation(SELECTIONS.length + 1, SARA, {
    text: 'مقال عن الخلاف كله', tags: ['page'], target: [{ source: URI }] }));
  const out = {
    export_date: date(SELECTIONS.length + 2),
    export_userid: LAYLA[0],
    client_version: '1.1520.0',
    annotations,
  };
  fs.writeFileSync(OUT, JSON.stringify(out, null, 2) + '\n');
  console.log(`${path.relative(ROOT, PAGE)}: the page`);
  console.log(`${path.relative(ROOT, OUT)}: ${SELECTIONS.length} quotes, a reply, a page note`);
}

main();
