package io.learnscale.search.index;

import java.util.regex.Pattern;

/**
 * Markdown to the plain text that is indexed and shown in snippets: the words stay, the markup goes, so a snippet
 * reads like prose and a search for {@code caching} does not have to look past {@code **}.
 */
final class MarkdownText {

    private static final Pattern FENCE = Pattern.compile("(?m)^\\s*(```|~~~).*$");
    private static final Pattern IMAGE = Pattern.compile("!\\[([^\\]]*)]\\([^)]*\\)");
    private static final Pattern LINK = Pattern.compile("\\[([^\\]]*)]\\([^)]*\\)");
    private static final Pattern REFERENCE_LINK = Pattern.compile("\\[([^\\]]*)]\\[[^\\]]*]");
    private static final Pattern LINK_DEFINITION = Pattern.compile("(?m)^\\s*\\[[^\\]]+]:\\s*\\S+.*$");
    private static final Pattern HTML_TAG = Pattern.compile("</?[A-Za-z][^>]*>");
    private static final Pattern HEADING = Pattern.compile("(?m)^\\s{0,3}#{1,6}\\s*");
    private static final Pattern CLOSING_HASHES = Pattern.compile("(?m)\\s+#+\\s*$");
    private static final Pattern BLOCKQUOTE = Pattern.compile("(?m)^\\s*(>\\s?)+");
    private static final Pattern LIST_MARKER = Pattern.compile("(?m)^\\s*([-*+]|\\d+[.)])\\s+");
    private static final Pattern RULE = Pattern.compile("(?m)^\\s*([-*_]\\s*){3,}$");
    private static final Pattern TABLE_DELIMITER =
            Pattern.compile("(?m)^\\s*\\|?\\s*:?-{3,}:?\\s*(\\|\\s*:?-{3,}:?\\s*)*\\|?\\s*$");
    private static final Pattern EMPHASIS = Pattern.compile("(\\*{1,3}|~~|`+)");
    private static final Pattern UNDERSCORE_EMPHASIS =
            Pattern.compile("(?<![\\p{L}\\p{N}])_{1,3}|_{1,3}(?![\\p{L}\\p{N}])");
    private static final Pattern PIPE = Pattern.compile("\\s*\\|\\s*");
    private static final Pattern SPACES = Pattern.compile("[ \\t]+");
    private static final Pattern BLANK_LINES = Pattern.compile("\\n{3,}");

    private MarkdownText() {}

    static String plain(String markdown) {
        String text = markdown.replace("\r\n", "\n");
        text = FENCE.matcher(text).replaceAll("");
        text = IMAGE.matcher(text).replaceAll("$1");
        text = LINK.matcher(text).replaceAll("$1");
        text = REFERENCE_LINK.matcher(text).replaceAll("$1");
        text = LINK_DEFINITION.matcher(text).replaceAll("");
        text = HTML_TAG.matcher(text).replaceAll(" ");
        text = TABLE_DELIMITER.matcher(text).replaceAll("");
        text = RULE.matcher(text).replaceAll("");
        text = HEADING.matcher(text).replaceAll("");
        text = CLOSING_HASHES.matcher(text).replaceAll("");
        text = BLOCKQUOTE.matcher(text).replaceAll("");
        text = LIST_MARKER.matcher(text).replaceAll("");
        text = EMPHASIS.matcher(text).replaceAll("");
        text = UNDERSCORE_EMPHASIS.matcher(text).replaceAll("");
        text = PIPE.matcher(text).replaceAll(" ");
        text = SPACES.matcher(text).replaceAll(" ");
        text = BLANK_LINES.matcher(text).replaceAll("\n\n");
        return text.strip();
    }
}
