#!/usr/bin/env python3
"""Scores the parser on the corpus laid out in other ways a real copy of it may have.

usage: scripts/layout-probe.py [CONVERT [CORPUS]]     (make probe)

  CONVERT  the built command (default bin/convert)
  CORPUS   the corpus folder with its facts/ (default $DECLCONV_CORPUS or ../shared/corpus)

Each variant rewrites every document of the corpus (and, where the variant changes what a
label looks like, the facts the same way) into a temporary folder and runs the facts scorer
(../shared/tools/score-structure beside the corpus) on it. A rule of the parser that holds
for documents, not for the way our copies happen to be laid out, scores as well on every
variant as on the corpus itself, but where the variant takes away what the facts need
(nohead: the archive's date, from which a lead's year is inferred; nofm: the front matter
that holds an English document's title). The score is printed per variant; nothing is kept.
"""
import os
import re
import shutil
import subprocess
import sys
import tempfile

import yaml

HAN = re.compile(r'[\u4e00-\u9fff]')


def lines_map(f):
    return lambda s: '\n'.join(f(l) for l in s.split('\n'))


def body_lines(f):
    """Applies f to every line after the front matter."""
    def g(s):
        lines, out, i = s.split('\n'), [], 0
        if lines and lines[0].strip() == '---':
            out.append(lines[0])
            for i in range(1, len(lines)):
                out.append(lines[i])
                if lines[i].strip() in ('---', '...'):
                    break
            i += 1
        return '\n'.join(out + [f(l) for l in lines[i:]])
    return g


def indent_body(prefix):
    """Indents every line after the front matter but headings, comments and rules."""
    keep = lambda l: not l.strip() or l.lstrip().startswith(('#', '<!--', '---'))
    return body_lines(lambda l: l if keep(l) else prefix + l)


def hard_wrap(width):
    """Wraps every indented line of Chinese longer than width; the lines after the first
    start at the margin, as a text whose paragraphs indent their first line only."""
    def f(s):
        out = []
        for l in s.split('\n'):
            body = l.lstrip(' \u3000')
            if body == l or len(body) <= width or not HAN.search(body):
                out.append(l)
                continue
            out.append(l[:len(l) - len(body)] + body[:width])
            body = body[width:]
            while body:
                out.append(body[:width])
                body = body[width:]
        return '\n'.join(out)
    return f


def no_archive_header(s):
    """Drops the People's Daily archive header: ### headline, date, page, column."""
    lines = s.split('\n')
    if not lines or not lines[0].startswith('### '):
        return s
    i = 1
    while i < len(lines) and (not lines[i].strip() or re.match(r'^(\d{4}-\d\d-\d\d$|第.{1,3}版|专栏：)', lines[i])):
        i += 1
    return '\n'.join(lines[i:])


def no_front_matter(s):
    lines = s.split('\n')
    if lines and lines[0].strip() == '---':
        for i in range(1, len(lines)):
            if lines[i].strip() in ('---', '...'):
                return '\n'.join(lines[i + 1:]).lstrip('\n')
    return s


def roman(s):
    vals = {'I': 1, 'V': 5, 'X': 10, 'L': 50, 'C': 100}
    n = 0
    for a, b in zip(s, s[1:] + ' '):
        n += -vals[a] if b != ' ' and vals.get(b, 0) > vals[a] else vals[a]
    return n


def chinese_number(s):
    digits = {'一': 1, '二': 2, '三': 3, '四': 4, '五': 5, '六': 6, '七': 7, '八': 8, '九': 9}
    n, cur = 0, 0
    for c in s:
        if c in digits:
            cur = digits[c]
        elif c == '十':
            n, cur = n + (cur or 1) * 10, 0
        elif c == '百':
            n, cur = n + (cur or 1) * 100, 0
    return n + cur


def arabic_articles(s):
    """ARTICLE IV → ARTICLE 4, 第十二条 → 第12条: numbering in Arabic numerals."""
    s = re.sub(r'\b(ARTICLE|Article)\s+([IVXLC]+)\b', lambda m: f'{m.group(1)} {roman(m.group(2))}', s)
    return re.sub(r'第((?:[ \u3000]*[一二三四五六七八九十百])+)[ \u3000]*(条|章|节)',
                  lambda m: f'第{chinese_number(m.group(1))}{m.group(2)}', s)


# TRAD turns the simplified characters of the corpus's structure and metadata
# words (kinds, markers, agencies, signing, roles, places) into traditional
# ones: not a converter, enough to show which rules know only one script.
TRAD = str.maketrans(dict(zip(
    '条节编联声报约协议会于为时与关签发国华谈纪书记长总统领团党军区农业经济贸易电讯从这们对应该实现进问'
    '题员将没劳动组织认识双边两东亚欧维护开放规则权务义价让办产几读选举补偿请恢复',
    '條節編聯聲報約協議會於為時與關簽發國華談紀書記長總統領團黨軍區農業經濟貿易電訊從這們對應該實現進問'
    '題員將沒勞動組織認識雙邊兩東亞歐維護開放規則權務義價讓辦產幾讀選舉補償請恢復')))


def traditional_facts(s):
    return 'zh-Hant' if s == 'zh-Hans' else s.translate(TRAD)


FULLWIDTH_DIGITS = str.maketrans('０１２３４５６７８９', '0123456789')
CURLY_QUOTES = str.maketrans({'“': '"', '”': '"', '‘': "'", '’': "'"})
ASCII_PARENS = str.maketrans({'（': '(', '）': ')'})
ASCII_PUNCT = str.maketrans({'，': ',', '。': '.', '：': ':', '；': ';', '？': '?', '！': '!'})

def relabel(pattern, repl):
    """Rewrites a label where the facts name one: a whole string or a step of a path."""
    label = re.compile(r'(^| > )' + pattern + r'(?=$| > |#)')
    return lambda s: label.sub(lambda m: m.group(1) + m.expand(repl), s)


# name: (what it does to a document, whether the facts change the same way:
# True for the same change, else the change of their labels)
VARIANTS = {
    'crlf': (lambda s: s.replace('\n', '\r\n'), False),
    'trailing-spaces': (lines_map(lambda l: l + '  ' if l.strip() else l), False),
    'fullwidth-indent': (lines_map(lambda l: '\u3000\u3000' + l if l.strip() and HAN.search(l) else l), False),
    'tab-indent': (indent_body('\t'), False),
    'two-space-indent': (indent_body('  '), False),
    'four-space-indent': (indent_body('    '), False),
    'no-blank-lines': (lambda s: re.sub(r'\n[ \t]*\n+', '\n', s), False),
    'blank-after-every-line': (lambda s: re.sub(r'\n+', '\n\n', s), False),
    'hard-wrapped-40': (hard_wrap(40), False),
    'ascii-digits': (lambda s: s.translate(FULLWIDTH_DIGITS), True),
    'ascii-parentheses': (lambda s: s.translate(ASCII_PARENS), True),
    'straight-quotes': (lambda s: s.translate(CURLY_QUOTES), True),
    'ascii-punctuation': (lambda s: s.translate(ASCII_PUNCT), True),
    'arabic-article-numbers': (arabic_articles, True),
    'numeral-full-stop': (lambda s: re.sub(r'(?<![一二三四五六七八九十])([一二三四五六七八九十]+)、', r'\1.', s), True),
    'article-abbreviated': (lambda s: re.sub(r'\bArticle (\d+)', r'Art. \1', s), True),
    'digit-close-paren': (lambda s: re.sub(r'(?m)^(\s*)(\d+)\. ', r'\1\2) ', s), relabel(r'(\d+)\.', r'\2)')),
    'letter-close-paren': (lambda s: re.sub(r'(?m)^(\s*)\(([a-z])\) ', r'\1\2) ', s), relabel(r'\(([a-z])\)', r'\2)')),
    'traditional': (lambda s: s.translate(TRAD), traditional_facts),
    'flush-left': (body_lines(lambda l: l.lstrip(' \t\u3000')), False),
    'no-markdown': (body_lines(lambda l: re.sub(r'^#{1,6}\s*', '', l).replace('**', '')), False),
    'nohead': (no_archive_header, False),
    'nofm': (no_front_matter, False),
}


def map_strings(v, f):
    """v with f applied to every string in it, keys too; the file name stays."""
    if isinstance(v, str):
        return f(v)
    if isinstance(v, list):
        return [map_strings(x, f) for x in v]
    if isinstance(v, dict):
        return {map_strings(k, f): (x if k == 'file' else map_strings(x, f)) for k, x in v.items()}
    return v


def main():
    convert = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else 'bin/convert')
    corpus = sys.argv[2] if len(sys.argv) > 2 else os.environ.get('DECLCONV_CORPUS', '../shared/corpus')
    scorer = os.path.join(os.path.dirname(os.path.abspath(corpus)), 'tools', 'score-structure')
    if not os.path.isdir(os.path.join(corpus, 'facts')) or not os.access(scorer, os.X_OK):
        sys.exit(f'layout-probe: needs {corpus}/facts and {scorer}')
    docs = sorted(f for f in os.listdir(corpus) if f.endswith('.txt'))
    facts = sorted(os.listdir(os.path.join(corpus, 'facts')))

    def score(folder):
        out = subprocess.run([scorer, convert, os.path.join(folder, 'facts')], capture_output=True, text=True)
        return (out.stdout.strip().split('\n') or [''])[-1]

    print(f'{"as it is":24} {score(corpus)}')
    with tempfile.TemporaryDirectory() as tmp:
        for name, (change, in_facts) in VARIANTS.items():
            folder = os.path.join(tmp, name)
            os.makedirs(os.path.join(folder, 'facts'))
            for doc in docs:
                raw = open(os.path.join(corpus, doc), 'rb').read()
                try:
                    text = change(raw.decode('utf-8'))
                except UnicodeDecodeError:  # the encodings' own documents stay as they are
                    shutil.copy(os.path.join(corpus, doc), folder)
                    continue
                with open(os.path.join(folder, doc), 'w', encoding='utf-8', newline='') as f:
                    f.write(text)
            for fact in facts:
                text = open(os.path.join(corpus, 'facts', fact), encoding='utf-8').read()
                if in_facts:  # every string of the facts, as the documents' text changed
                    f = change if in_facts is True else in_facts
                    text = yaml.safe_dump(map_strings(yaml.safe_load(text), f), allow_unicode=True)
                with open(os.path.join(folder, 'facts', fact), 'w', encoding='utf-8') as f:
                    f.write(text)
            print(f'{name:24} {score(folder)}')


if __name__ == '__main__':
    main()
