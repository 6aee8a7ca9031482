package io.flashorder.logistics.documents;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The renderer: a page per sheet (more when long), text that reads back, no character that breaks the font. */
class PdfRendererTest {

    @Test
    void sheetsStartPagesAndLongOnesContinue() throws IOException {
        List<String> many = new ArrayList<>();
        for (int i = 0; i < 120; i++) {
            many.add("line " + i);
        }
        PdfRenderer.Rendered rendered = PdfRenderer.render(PaperSize.A6, List.of(
                new PdfRenderer.Sheet("First", List.of("Tracking: SBX0001", "Zoë Ærø, 12 Rue de l'Église")),
                new PdfRenderer.Sheet("Second", many)));
        assertThat(rendered.pages()).isGreaterThan(2);
        try (PDDocument pdf = Loader.loadPDF(rendered.pdf())) {
            assertThat(pdf.getNumberOfPages()).isEqualTo(rendered.pages());
            String text = new PDFTextStripper().getText(pdf);
            assertThat(text).contains("Tracking: SBX0001", "Zoë Ærø, 12 Rue de l'Église", "line 0", "line 119");
        }
    }

    @Test
    void charactersTheFontCannotShowPrintAsQuestionMarks() {
        assertThat(PdfRenderer.printable("王小明 +86 138")).isEqualTo("??? +86 138");
        assertThat(PdfRenderer.printable("tab\there")).isEqualTo("tab?here");
        assertThat(PdfRenderer.printable(null)).isEmpty();
    }
}
