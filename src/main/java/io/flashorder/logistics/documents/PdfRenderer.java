package io.flashorder.logistics.documents;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Lays sheets of text out as a PDF with Apache PDFBox: each sheet starts on a new page (a long one continues on the
 * next), lines wrap to the page width. CPU work: call it off the event loop. The standard Helvetica font encodes
 * Latin-1 only; other characters print as '?' (a TrueType font would be needed for CJK names).
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

    static Rendered render(PaperSize paper, List<Sheet> sheets) {
        PDRectangle size = paper.rectangle();
        int width = Math.max(20, (int) ((size.getWidth() - 2 * MARGIN) / (TEXT_SIZE * 0.55f)));
        try (PDDocument document = new PDDocument()) {
            PDType1Font bold = new PDType1Font(Standard14Fonts.FontName.HELVETICA_BOLD);
            PDType1Font regular = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
            for (Sheet sheet : sheets) {
                List<String> lines = new ArrayList<>();
                for (String line : sheet.lines()) {
                    lines.addAll(wrap(printable(line), width));
                }
                int perPage = Math.max(1, (int) ((size.getHeight() - 2 * MARGIN - LEADING * 2) / LEADING));
                int from = 0;
                do {
                    PDPage page = new PDPage(size);
                    document.addPage(page);
                    try (PDPageContentStream text = new PDPageContentStream(document, page)) {
                        text.beginText();
                        text.newLineAtOffset(MARGIN, size.getHeight() - MARGIN - TITLE_SIZE);
                        text.setFont(bold, TITLE_SIZE);
                        text.showText(printable(sheet.title()));
                        text.setFont(regular, TEXT_SIZE);
                        text.newLineAtOffset(0, -LEADING * 2);
                        for (String line : lines.subList(from, Math.min(lines.size(), from + perPage))) {
                            text.showText(line);
                            text.newLineAtOffset(0, -LEADING);
                        }
                        text.endText();
                    }
                    from += perPage;
                } while (from < lines.size());
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            document.save(out);
            return new Rendered(out.toByteArray(), document.getNumberOfPages());
        } catch (IOException e) {
            throw new UncheckedIOException("PDF rendering failed", e);
        }
    }

    /** What Helvetica (WinAnsi) can show: printable Latin-1; anything else becomes '?'. */
    static String printable(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(c -> out.append((c >= 0x20 && c < 0x7F) || (c >= 0xA0 && c <= 0xFF) ? (char) c : '?'));
        return out.toString();
    }

    private static List<String> wrap(String line, int width) {
        List<String> wrapped = new ArrayList<>();
        String rest = line;
        while (rest.length() > width) {
            int cut = rest.lastIndexOf(' ', width);
            cut = cut <= 0 ? width : cut;
            wrapped.add(rest.substring(0, cut));
            rest = rest.substring(cut).stripLeading();
        }
        wrapped.add(rest);
        return wrapped;
    }
}
