package io.deskstream.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * The README is the front page and {@code docs/} the reference: a reader who follows a link lands on a file of the
 * repository, and the references a user needs are there.
 */
class DocumentationLinksTest {

    private static final Path REPOSITORY = Path.of(System.getProperty("deskstream.repository.dir", "..")).toAbsolutePath().normalize();
    /** A Markdown link or image: {@code [text](target)} or {@code [text](target "title")}. */
    private static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s]+)(?:\\s+\"[^\"]*\")?\\)");

    @Test
    void everyRelativeLinkInTheReadmesAndDocsLeadsToAFileOfTheRepository() throws IOException {
        List<String> broken = new ArrayList<>();
        for (Path page : markdownPages()) {
            String text = Files.readString(page);
            Matcher link = LINK.matcher(text);
            while (link.find()) {
                String target = link.group(1);
                if (target.startsWith("#") || target.matches("^[a-zA-Z][a-zA-Z0-9+.-]*:.*")) {
                    continue;
                }
                String file = target.replaceFirst("#.*$", "");
                if (!Files.exists(page.getParent().resolve(file).normalize())) {
                    broken.add(REPOSITORY.relativize(page) + " -> " + target);
                }
            }
        }
        assertThat(broken).as("links that lead nowhere").isEmpty();
    }

    @Test
    void everyLinkToASectionLeadsToAHeadingOfItsPage() throws IOException {
        List<String> broken = new ArrayList<>();
        for (Path page : markdownPages()) {
            Matcher link = LINK.matcher(Files.readString(page));
            while (link.find()) {
                String target = link.group(1);
                int hash = target.indexOf('#');
                if (hash < 0 || target.matches("^[a-zA-Z][a-zA-Z0-9+.-]*:.*")) {
                    continue;
                }
                Path linked = hash == 0 ? page : page.getParent().resolve(target.substring(0, hash)).normalize();
                if (linked.toString().endsWith(".md") && Files.isRegularFile(linked)
                        && !anchors(linked).contains(target.substring(hash + 1))) {
                    broken.add(REPOSITORY.relativize(page) + " -> " + target);
                }
            }
        }
        assertThat(broken).as("links to sections that are not there").isEmpty();
    }

    /** The anchors GitHub gives a page's headings: lower case, punctuation dropped, spaces as hyphens. */
    private static List<String> anchors(Path page) throws IOException {
        List<String> anchors = new ArrayList<>();
        boolean fenced = false;
        for (String line : Files.readAllLines(page)) {
            if (line.startsWith("```")) {
                fenced = !fenced;
            }
            if (!fenced && line.matches("^#{1,6} .*")) {
                String slug = line.replaceFirst("^#+ ", "").strip().toLowerCase(java.util.Locale.ROOT)
                        .replaceAll("[^\\p{L}\\p{N} _-]", "").replace(' ', '-');
                String unique = slug;
                for (int n = 1; anchors.contains(unique); n++) {
                    unique = slug + "-" + n;
                }
                anchors.add(unique);
            }
        }
        return anchors;
    }

    @Test
    void theReferenceForUsersLivesInTheRepository() {
        assertThat(REPOSITORY.resolve("docs")).isDirectory();
        assertThat(REPOSITORY.resolve("docs/events.md")).as("events, departments and routing rules").isRegularFile();
        assertThat(REPOSITORY.resolve("docs/report.md")).as("what each report column means").isRegularFile();
        assertThat(REPOSITORY.resolve("docs/http-api.md")).as("the HTTP API").isRegularFile();
        assertThat(REPOSITORY.resolve("docs/cli.md")).as("the command line").isRegularFile();
        assertThat(REPOSITORY.resolve("LICENSE")).isRegularFile();
        assertThat(REPOSITORY.resolve("CHANGELOG.md")).isRegularFile();
    }

    /** README.md and docs/ at any depth, and the README of each module and folder. */
    private static List<Path> markdownPages() throws IOException {
        List<Path> pages = new ArrayList<>();
        pages.add(REPOSITORY.resolve("README.md"));
        try (Stream<Path> top = Files.list(REPOSITORY)) {
            top.filter(Files::isDirectory)
                    .map(dir -> dir.resolve("README.md"))
                    .filter(Files::isRegularFile)
                    .forEach(pages::add);
        }
        Path docs = REPOSITORY.resolve("docs");
        if (Files.isDirectory(docs)) {
            try (Stream<Path> walk = Files.walk(docs)) {
                walk.filter(p -> p.toString().endsWith(".md")).filter(p -> !pages.contains(p)).forEach(pages::add);
            }
        }
        return pages;
    }
}
