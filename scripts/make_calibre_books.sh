#!/bin/sh
# Books made by calibre's own ebook-convert (Debian's `calibre`, about 970 MB, so not part of
# scripts/make_real_books.py): tests/data/real/books/ebook-convert.{ar,fa,en}.epub, with
# pandoc's plain text of each beside it. Run from the repository root.
set -eu
out=tests/data/real/books
tmp=$(mktemp -d)
for lang in ar fa en; do
    pandoc "scripts/real_books/book.$lang.md" -s -o "$tmp/book.$lang.html" --metadata title=book
    ebook-convert "$tmp/book.$lang.html" "$out/ebook-convert.$lang.epub" --language "$lang" \
        --level1-toc '//h:h1' --level2-toc '//h:h2' > /dev/null
    pandoc -f epub -t plain --wrap=none "$out/ebook-convert.$lang.epub" \
        > "$out/ebook-convert.$lang.txt"
done
rm -r "$tmp"
