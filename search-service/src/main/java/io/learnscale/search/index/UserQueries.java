package io.learnscale.search.index;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.queryparser.classic.MultiFieldQueryParser;
import org.apache.lucene.queryparser.classic.ParseException;
import org.apache.lucene.queryparser.classic.QueryParser;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.MatchNoDocsQuery;
import org.apache.lucene.search.Query;
import org.jspecify.annotations.Nullable;

/**
 * Turns what a user typed into a Lucene query, tolerantly. The classic syntax works ({@code "a phrase"},
 * {@code prefix*}, {@code AND}/{@code OR}/{@code NOT}, {@code -exclude}, {@code title:word}, {@code fuzzy~}); when
 * the text is not valid syntax (a stray quote, a dangling operator, a leading wildcard) its words are searched
 * for instead. Only a query with no searchable word at all, or an overly long one, is refused.
 */
final class UserQueries {

    static final int MAX_LENGTH = 256;

    /** BM25 over the three text fields, the title weighing most, then the tags, then the body. */
    static final Map<String, Float> BOOSTS =
            Map.of(TopicIndex.TITLE, 3.0f, TopicIndex.TAGS, 2.0f, TopicIndex.BODY, 1.0f);

    private static final String[] FIELDS = {TopicIndex.TITLE, TopicIndex.TAGS, TopicIndex.BODY};

    private final Analyzer analyzer;

    UserQueries(Analyzer analyzer) {
        this.analyzer = analyzer;
    }

    Query parse(@Nullable String text) {
        String trimmed = text == null ? "" : text.strip();
        if (trimmed.isEmpty()) {
            throw new InvalidQueryException("Give the words to search for in q.");
        }
        if (trimmed.length() > MAX_LENGTH) {
            throw new InvalidQueryException("The query is longer than " + MAX_LENGTH + " characters.");
        }
        Query query = strict(trimmed);
        if (query == null || isEmpty(query)) {
            query = words(trimmed);
        }
        if (query == null || isEmpty(query)) {
            throw new InvalidQueryException(
                    "The query has no words to search for (only punctuation or very common" + " words like 'the').");
        }
        return query;
    }

    /** The query as written, or null when it is not valid syntax. */
    private @Nullable Query strict(String text) {
        try {
            return parser().parse(text);
        } catch (ParseException | RuntimeException e) {
            // not valid syntax, or a construct Lucene refuses (a negative boost, an edit distance over 2, a
            // regular expression too complex to compile): fall back to the words
            return null;
        }
    }

    /** Only the words of the text: letters and digits, every operator and quote taken as a space. */
    private @Nullable Query words(String text) {
        StringBuilder words = new StringBuilder(text.length());
        text.codePoints()
                .map(c -> Character.isLetterOrDigit(c) ? Character.toLowerCase(c) : ' ')
                .forEach(words::appendCodePoint);
        String plain = words.toString().strip();
        if (plain.isEmpty()) {
            return null;
        }
        try {
            return parser().parse(QueryParser.escape(plain));
        } catch (ParseException | RuntimeException e) {
            return null;
        }
    }

    /** A parser is not thread-safe and cheap to make: one per query. */
    private MultiFieldQueryParser parser() {
        var parser = new StemmingParser(analyzer);
        parser.setDefaultOperator(QueryParser.Operator.AND);
        parser.setAllowLeadingWildcard(false);
        parser.setSplitOnWhitespace(true);
        return parser;
    }

    private static boolean isEmpty(Query query) {
        return query instanceof MatchNoDocsQuery
                || (query instanceof BooleanQuery bool && bool.clauses().isEmpty());
    }

    /**
     * The index holds word stems ({@code caching} is {@code cach}), and Lucene does not analyse the term of a prefix
     * or fuzzy query, so {@code caching*} would miss {@code caching}: such a term is stemmed first, and then weighs
     * like a plain term of its field.
     */
    private static final class StemmingParser extends MultiFieldQueryParser {

        StemmingParser(Analyzer analyzer) {
            super(FIELDS, analyzer, BOOSTS);
        }

        @Override
        protected Query getPrefixQuery(@Nullable String field, String termStr) throws ParseException {
            if (field == null) {
                return super.getPrefixQuery(null, termStr);
            }
            return boosted(field, super.getPrefixQuery(field, stem(field, termStr)));
        }

        @Override
        protected Query getFuzzyQuery(@Nullable String field, String termStr, float minSimilarity)
                throws ParseException {
            if (field == null) {
                return super.getFuzzyQuery(null, termStr, minSimilarity);
            }
            return boosted(field, super.getFuzzyQuery(field, stem(field, termStr), minSimilarity));
        }

        @Override
        protected Query getWildcardQuery(@Nullable String field, String termStr) throws ParseException {
            if (field == null) {
                return super.getWildcardQuery(null, termStr);
            }
            return boosted(field, super.getWildcardQuery(field, termStr));
        }

        private String stem(String field, String term) {
            List<String> tokens = new ArrayList<>(2);
            try (TokenStream stream = getAnalyzer().tokenStream(field, term)) {
                CharTermAttribute text = stream.addAttribute(CharTermAttribute.class);
                stream.reset();
                while (stream.incrementToken() && tokens.size() < 2) {
                    tokens.add(text.toString());
                }
                stream.end();
            } catch (IOException e) {
                return term;
            }
            return tokens.size() == 1 ? tokens.getFirst() : term;
        }

        private static Query boosted(String field, Query query) {
            Float boost = BOOSTS.get(field);
            return boost == null || boost == 1.0f ? query : new BoostQuery(query, boost);
        }
    }
}
