package io.flashorder.logistics.documents;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The renderer: a page per sheet (more when long), text that reads back, CJK names in the embedded TrueType font
 * (Debian's fonts-droid-fallback, installed by scripts/services.sh), '?' for what no font can show.
 */
class PdfRendererTest {

    /** Where LogisticsConfig.Documents#cjkFont points by default. */
    static final Path CJK_FONT = Path.of("/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf");

    private static Optional<byte[]> cjkFont() throws IOException {
        return Optional.of(Files.readAllBytes(CJK_FONT));
    }

    private static String text(PdfRenderer.Rendered rendered) throws IOException {
        try (PDDocument pdf = Loader.loadPDF(rendered.pdf())) {
            assertThat(pdf.getNumberOfPages()).isEqualTo(rendered.pages());
            return new PDFTextStripper().getText(pdf);
        }
    }

    @Test
    void sheetsStartPagesAndLongOnesContinue() throws IOException {
        List<String> many = new ArrayList<>();
        for (int i = 0; i < 120; i++) {
            many.add("line " + i);
        }
        PdfRenderer.Rendered rendered = PdfRenderer.render(PaperSize.A6, List.of(
                new PdfRenderer.Sheet("First", List.of("Tracking: SBX0001", "Zoë Ærø, 12 Rue de l'Église")),
                new PdfRenderer.Sheet("Second", many)), cjkFont());
        assertThat(rendered.pages()).isGreaterThan(2);
        assertThat(text(rendered)).contains("Tracking: SBX0001", "Zoë Ærø, 12 Rue de l'Église", "line 0", "line 119");
    }

    @Test
    void aChineseNamePrintsInTheEmbeddedSubsetAndReadsBack() throws IOException {
        PdfRenderer.Rendered rendered = PdfRenderer.render(PaperSize.A6, List.of(new PdfRenderer.Sheet(
                "Waybill 顺丰 SF1234", List.of("To: 王小明 (Wang Xiaoming)", "Phone: +86 138 0000 0000",
                        "Address: 上海市浦东新区世纪大道100号 Zoë"))), cjkFont());
        String text = text(rendered);
        assertThat(text).contains("Waybill 顺丰 SF1234", "To: 王小明 (Wang Xiaoming)", "上海市浦东新区世纪大道100号 Zoë");
        assertThat(text).doesNotContain("?");
        try (PDDocument pdf = Loader.loadPDF(rendered.pdf())) {
            PDPage page = pdf.getPage(0);
            List<PDFont> fonts = new ArrayList<>();
            for (var name : page.getResources().getFontNames()) {
                fonts.add(page.getResources().getFont(name));
            }
            assertThat(fonts).filteredOn(font -> font instanceof PDType0Font).singleElement()
                    .satisfies(font -> {
                        assertThat(font.isEmbedded()).isTrue();
                        assertThat(font.getName()).as("a subset's name is tagged").matches("[A-Z]{6}\\+.*");
                    });
        }
        assertThat(rendered.pdf().length).as("a subset, not the %d-byte font", Files.size(CJK_FONT))
                .isLessThan((int) (Files.size(CJK_FONT) / 10));
    }

    @Test
    void withoutTheFontOrWithoutAGlyphACharacterPrintsAsAQuestionMark() throws IOException {
        String latinOnly = text(PdfRenderer.render(PaperSize.A6, List.of(new PdfRenderer.Sheet("Slip",
                List.of("王小明 +86 138", "tab\there"))), Optional.empty()));
        assertThat(latinOnly).contains("??? +86 138", "tab?here");
        String withFont = text(PdfRenderer.render(PaperSize.A6, List.of(new PdfRenderer.Sheet("Slip",
                List.of("王小明 \uD83D\uDE80 ok"))), cjkFont()));
        assertThat(withFont).contains("王小明 ? ok");
    }

    @Test
    void longLinesWrapWithinThePageAsMeasuredInTheirFonts() throws IOException {
        String chinese = "北京市朝阳区建国路八十八号现代城".repeat(6);
        PdfRenderer.Rendered rendered = PdfRenderer.render(PaperSize.A6, List.of(new PdfRenderer.Sheet("Slip",
                List.of(chinese, "word ".repeat(60).strip()))), cjkFont());
        List<String> lines = text(rendered).lines().filter(line -> !line.isBlank()).toList();
        assertThat(lines.size()).isGreaterThan(4);
        assertThat(String.join("", lines)).contains(chinese);
    }
}
