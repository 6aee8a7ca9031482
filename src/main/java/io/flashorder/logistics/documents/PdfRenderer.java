package io.flashorder.logistics.documents;

import org.apache.fontbox.ttf.CmapLookup;
import org.apache.fontbox.ttf.TTFParser;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.io.RandomAccessReadBuffer;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Lays sheets of text out as a PDF with Apache PDFBox: each sheet starts on a new page (a long one continues on the
 * next), lines wrap to the page width as measured in their fonts. Latin-1 prints in the standard Helvetica; every
 * other character (Chinese, Japanese, Korean names and addresses) in the TrueType font given, embedded as a subset of
 * the glyphs used; a character neither font has prints as '?'. CPU work: call it off the event loop.
 */
final class PdfRenderer {

    private static final float MARGIN = 24;
    private static final float TITLE_SIZE = 12;
    private static final float TEXT_SIZE = 9;
    private static final float LEADING = 12;

    private PdfRenderer() {
    }

    /** A page's worth of content: a title and its lines. */
    record Sheet(String title, List<String> lines) {
    }

    record Rendered(byte[] pdf, int pages) {
    }

    /** {@code wideFont}: the bytes of a TrueType font for what Latin-1 cannot show (empty: '?' instead). */
    static Rendered render(PaperSize paper, List<Sheet> sheets, Optional<byte[]> wideFont) {
        PDRectangle size = paper.rectangle();
        float width = size.getWidth() - 2 * MARGIN;
        try (PDDocument document = new PDDocument();
             TrueTypeFont wide = wideFont.isPresent()
                     ? new TTFParser().parse(new RandomAccessReadBuffer(wideFont.get())) : null) {
            Fonts regular = new Fonts(new PDType1Font(Standard14Fonts.FontName.HELVETICA),
                    wide == null ? null : PDType0Font.load(document, wide, true),
                    wide == null ? null : wide.getUnicodeCmapLookup());
            Fonts bold = new Fonts(new PDType1Font(Standard14Fonts.FontName.HELVETICA_BOLD), regular.wide(),
                    regular.wideGlyphs());
            for (Sheet sheet : sheets) {
                List<List<Run>> lines = new ArrayList<>();
                for (String line : sheet.lines()) {
                    lines.addAll(wrap(regular.runs(line), width, TEXT_SIZE));
                }
                int perPage = Math.max(1, (int) ((size.getHeight() - 2 * MARGIN - LEADING * 2) / LEADING));
                int from = 0;
                do {
                    PDPage page = new PDPage(size);
                    document.addPage(page);
                    try (PDPageContentStream text = new PDPageContentStream(document, page)) {
                        text.beginText();
                        text.newLineAtOffset(MARGIN, size.getHeight() - MARGIN - TITLE_SIZE);
                        show(text, bold.runs(sheet.title()), TITLE_SIZE);
                        text.newLineAtOffset(0, -LEADING * 2);
                        for (List<Run> line : lines.subList(from, Math.min(lines.size(), from + perPage))) {
                            show(text, line, TEXT_SIZE);
                            text.newLineAtOffset(0, -LEADING);
                        }
                        text.endText();
                    }
                    from += perPage;
                } while (from < lines.size());
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            document.save(out); // embeds the subset of the wide font's glyphs the pages use
            return new Rendered(out.toByteArray(), document.getNumberOfPages());
        } catch (IOException e) {
            throw new UncheckedIOException("PDF rendering failed", e);
        }
    }

    private static void show(PDPageContentStream text, List<Run> runs, float size) throws IOException {
        for (Run run : runs) {
            text.setFont(run.font(), size);
            text.showText(run.text());
        }
    }

    /** What Helvetica (WinAnsi) shows: printable Latin-1. */
    static boolean latin1(int codePoint) {
        return (codePoint >= 0x20 && codePoint < 0x7F) || (codePoint >= 0xA0 && codePoint <= 0xFF);
    }

    /** A stretch of text in one font. */
    record Run(PDFont font, String text) {
    }

    /** The fonts of one style: Latin-1 in {@code latin}, the rest in {@code wide} where it has a glyph. */
    record Fonts(PDFont latin, PDFont wide, CmapLookup wideGlyphs) {

        /** The text cut into runs of one font each; what no font shows becomes '?'. */
        List<Run> runs(String text) {
            List<Run> runs = new ArrayList<>();
            if (text == null || text.isEmpty()) {
                return runs;
            }
            StringBuilder current = new StringBuilder();
            PDFont currentFont = null;
            for (int i = 0; i < text.length(); ) {
                int codePoint = text.codePointAt(i);
                i += Character.charCount(codePoint);
                PDFont font = latin;
                int shown = codePoint;
                if (!latin1(codePoint)) {
                    boolean wideHasIt = wide != null && !Character.isISOControl(codePoint)
                            && wideGlyphs.getGlyphId(codePoint) != 0;
                    font = wideHasIt ? wide : latin;
                    shown = wideHasIt ? codePoint : '?';
                }
                if (font != currentFont && current.length() > 0) {
                    runs.add(new Run(currentFont, current.toString()));
                    current.setLength(0);
                }
                currentFont = font;
                current.appendCodePoint(shown);
            }
            runs.add(new Run(currentFont, current.toString()));
            return runs;
        }
    }

    /** Lines of runs no wider than {@code width} points, cut after the last space that fits (or mid-word). */
    static List<List<Run>> wrap(List<Run> runs, float width, float size) throws IOException {
        record Glyph(PDFont font, int codePoint, float width) {
        }
        Map<PDFont, Map<Integer, Float>> widths = new HashMap<>();
        List<Glyph> glyphs = new ArrayList<>();
        for (Run run : runs) {
            for (int codePoint : run.text().codePoints().toArray()) {
                Float known = widths.computeIfAbsent(run.font(), f -> new HashMap<>()).get(codePoint);
                float w = known != null ? known
                        : run.font().getStringWidth(new String(Character.toChars(codePoint))) / 1000 * size;
                widths.get(run.font()).put(codePoint, w);
                glyphs.add(new Glyph(run.font(), codePoint, w));
            }
        }
        List<List<Glyph>> lines = new ArrayList<>();
        List<Glyph> line = new ArrayList<>();
        float used = 0;
        int lastSpace = -1;
        for (Glyph glyph : glyphs) {
            if (used + glyph.width() > width && !line.isEmpty()) {
                int cut = lastSpace > 0 ? lastSpace : line.size();
                List<Glyph> rest = new ArrayList<>(line.subList(Math.min(cut + (lastSpace > 0 ? 1 : 0), line.size()),
                        line.size()));
                lines.add(new ArrayList<>(line.subList(0, cut)));
                line = rest;
                used = (float) rest.stream().mapToDouble(Glyph::width).sum();
                lastSpace = -1;
                for (int i = 0; i < line.size(); i++) {
                    if (line.get(i).codePoint() == ' ') {
                        lastSpace = i;
                    }
                }
            }
            if (glyph.codePoint() == ' ') {
                lastSpace = line.size();
            }
            line.add(glyph);
            used += glyph.width();
        }
        lines.add(line);
        List<List<Run>> result = new ArrayList<>();
        for (List<Glyph> each : lines) {
            List<Run> lineRuns = new ArrayList<>();
            StringBuilder text = new StringBuilder();
            PDFont font = null;
            for (Glyph glyph : each) {
                if (glyph.font() != font && text.length() > 0) {
                    lineRuns.add(new Run(font, text.toString()));
                    text.setLength(0);
                }
                font = glyph.font();
                text.appendCodePoint(glyph.codePoint());
            }
            if (text.length() > 0) {
                lineRuns.add(new Run(font, text.toString()));
            }
            result.add(lineRuns);
        }
        return result;
    }
}
