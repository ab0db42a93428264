package io.learnscale.search.index;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.text.BreakIterator;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.FieldType;
import org.apache.lucene.document.StringField;
import org.apache.lucene.facet.DrillDownQuery;
import org.apache.lucene.facet.DrillSideways;
import org.apache.lucene.facet.FacetResult;
import org.apache.lucene.facet.FacetsConfig;
import org.apache.lucene.facet.LabelAndValue;
import org.apache.lucene.facet.sortedset.DefaultSortedSetDocValuesReaderState;
import org.apache.lucene.facet.sortedset.SortedSetDocValuesFacetField;
import org.apache.lucene.facet.sortedset.SortedSetDocValuesReaderState;
import org.apache.lucene.index.FieldInfo;
import org.apache.lucene.index.FieldInfos;
import org.apache.lucene.index.IndexOptions;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherFactory;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.uhighlight.DefaultPassageFormatter;
import org.apache.lucene.search.uhighlight.LengthGoalBreakIterator;
import org.apache.lucene.search.uhighlight.UnifiedHighlighter;
import org.apache.lucene.search.uhighlight.WholeBreakIterator;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.util.automaton.TooComplexToDeterminizeException;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;
import org.springframework.web.util.HtmlUtils;

/**
 * This instance's Lucene index of the topics, in memory. It is a materialised view of the compacted
 * {@code content.topics} topic, rebuilt from the beginning of the topic at every start, so nothing on disk would be
 * reused, cleaned up or shared by mistake between instances; the notes are a few hundred kilobytes of text.
 *
 * <p>One thread writes (the topics reader); any number search, each on a point-in-time searcher that a
 * {@link #refresh()} replaces. BM25 ranks hits, with title and tags boosted over the body ({@link UserQueries}).
 */
@Component
class TopicIndex implements DisposableBean {

    static final String SLUG = "slug";
    static final String SECTION = "section";
    static final String TITLE = "title";
    static final String TAGS = "tags";
    static final String BODY = "body";

    private static final String SECTION_DIMENSION = "section";
    private static final int SNIPPET_LENGTH = 160;
    private static final int SNIPPET_PASSAGES = 2;
    private static final int MAX_HIGHLIGHTED_LENGTH = 100_000;

    /** Text with positions and offsets, so phrases match and the highlighter reads offsets from the postings. */
    private static final FieldType TEXT = text();

    private final Analyzer analyzer = new EnglishAnalyzer();
    private final FacetsConfig facets = new FacetsConfig();
    private final UserQueries queries = new UserQueries(analyzer);
    private final ByteBuffersDirectory directory = new ByteBuffersDirectory();
    private final IndexWriter writer;
    private final SearcherManager searchers;

    TopicIndex() {
        try {
            writer = new IndexWriter(directory, new IndexWriterConfig(analyzer));
            searchers = new SearcherManager(writer, new FacetedSearcherFactory(facets));
        } catch (IOException e) {
            throw new UncheckedIOException("The search index could not be created", e);
        }
    }

    /** Adds the topic, or replaces the one with its slug. Visible to searches after the next {@link #refresh()}. */
    void upsert(TopicChange.Upsert topic) {
        Document document = new Document();
        document.add(new StringField(SLUG, topic.slug(), Field.Store.YES));
        document.add(new StringField(SECTION, topic.section(), Field.Store.YES));
        document.add(new SortedSetDocValuesFacetField(SECTION_DIMENSION, topic.section()));
        document.add(new Field(TITLE, topic.title(), TEXT));
        topic.tags().forEach(tag -> document.add(new Field(TAGS, tag, TEXT)));
        document.add(new Field(BODY, MarkdownText.plain(topic.body()), TEXT));
        try {
            writer.updateDocument(new Term(SLUG, topic.slug()), facets.build(document));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void delete(String slug) {
        try {
            writer.deleteDocuments(new Term(SLUG, slug));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Makes every change so far visible to searches. */
    void refresh() {
        try {
            searchers.maybeRefreshBlocking();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Topics visible to searches. */
    int documents() {
        try {
            IndexSearcher searcher = searchers.acquire();
            try {
                return searcher.getIndexReader().numDocs();
            } finally {
                searchers.release(searcher);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    SearchResults search(@Nullable String text, @Nullable String section, int limit) {
        Query query = queries.parse(text);
        String wantedSection = section == null || section.isBlank() ? null : section.strip();
        try {
            FacetedSearcher searcher = (FacetedSearcher) searchers.acquire();
            try {
                return search(searcher, text == null ? "" : text.strip(), query, wantedSection, limit);
            } finally {
                searchers.release(searcher);
            }
        } catch (IndexSearcher.TooManyClauses | TooComplexToDeterminizeException e) {
            throw new InvalidQueryException("The query is too complex; use fewer words or wildcards.");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private SearchResults search(
            FacetedSearcher searcher, String text, Query query, @Nullable String section, int limit)
            throws IOException {
        if (searcher.sections == null) {
            return new SearchResults(text, section, 0, List.of(), List.of());
        }
        DrillDownQuery drillDown = new DrillDownQuery(facets, query);
        if (section != null) {
            drillDown.add(SECTION_DIMENSION, section);
        }
        // drill sideways: the section counts ignore the section filter, the hits respect it
        DrillSideways.DrillSidewaysResult result =
                new DrillSideways(searcher, facets, searcher.sections).search(drillDown, limit);
        return new SearchResults(
                text,
                section,
                result.hits.totalHits.value(),
                hits(searcher, query, result.hits),
                sectionCounts(result));
    }

    private List<SearchResults.Hit> hits(IndexSearcher searcher, Query query, TopDocs topDocs) throws IOException {
        if (topDocs.scoreDocs.length == 0) {
            return List.of();
        }
        String[] snippets = highlighter(
                        searcher,
                        LengthGoalBreakIterator.createClosestToLength(
                                BreakIterator.getSentenceInstance(Locale.ROOT), SNIPPET_LENGTH, 0.5f))
                .highlight(BODY, query, topDocs, SNIPPET_PASSAGES);
        String[] titles = highlighter(searcher, new WholeBreakIterator()).highlight(TITLE, query, topDocs, 1);
        StoredFields stored = searcher.storedFields();
        List<SearchResults.Hit> hits = new ArrayList<>(topDocs.scoreDocs.length);
        for (int i = 0; i < topDocs.scoreDocs.length; i++) {
            ScoreDoc scoreDoc = topDocs.scoreDocs[i];
            Document document = stored.document(scoreDoc.doc);
            hits.add(new SearchResults.Hit(
                    document.get(SLUG),
                    document.get(TITLE),
                    document.get(SECTION),
                    Arrays.asList(document.getValues(TAGS)),
                    scoreDoc.score,
                    titles[i] == null ? HtmlUtils.htmlEscape(document.get(TITLE)) : titles[i],
                    snippets[i] == null ? "" : snippets[i]));
        }
        return hits;
    }

    private UnifiedHighlighter highlighter(IndexSearcher searcher, BreakIterator breakIterator) {
        return UnifiedHighlighter.builder(searcher, analyzer)
                .withFormatter(new DefaultPassageFormatter("<mark>", "</mark>", " … ", true))
                .withBreakIterator(() -> (BreakIterator) breakIterator.clone())
                .withMaxLength(MAX_HIGHLIGHTED_LENGTH)
                .build();
    }

    private static List<SearchResults.SectionCount> sectionCounts(DrillSideways.DrillSidewaysResult result)
            throws IOException {
        FacetResult counts = result.facets.getAllChildren(SECTION_DIMENSION);
        if (counts == null) {
            return List.of();
        }
        List<SearchResults.SectionCount> sections = new ArrayList<>();
        for (LabelAndValue label : counts.labelValues) {
            if (label.value.longValue() > 0) {
                sections.add(new SearchResults.SectionCount(label.label, label.value.longValue()));
            }
        }
        sections.sort(Comparator.comparingLong(SearchResults.SectionCount::count)
                .reversed()
                .thenComparing(SearchResults.SectionCount::section));
        return sections;
    }

    @Override
    public void destroy() throws IOException {
        searchers.close();
        writer.close();
        directory.close();
    }

    private static FieldType text() {
        FieldType type = new FieldType();
        type.setTokenized(true);
        type.setStored(true);
        type.setIndexOptions(IndexOptions.DOCS_AND_FREQS_AND_POSITIONS_AND_OFFSETS);
        type.freeze();
        return type;
    }

    /** A searcher that also holds the section facet ordinals of its reader, built once per refresh. */
    static final class FacetedSearcher extends IndexSearcher {

        final @Nullable SortedSetDocValuesReaderState sections;

        FacetedSearcher(IndexReader reader, FacetsConfig facets) throws IOException {
            super(reader);
            this.sections = hasFacets(reader) ? new DefaultSortedSetDocValuesReaderState(reader, facets) : null;
        }

        private static boolean hasFacets(IndexReader reader) {
            FieldInfo field = FieldInfos.getMergedFieldInfos(reader).fieldInfo(FacetsConfig.DEFAULT_INDEX_FIELD_NAME);
            return reader.numDocs() > 0 && field != null;
        }
    }

    private static final class FacetedSearcherFactory extends SearcherFactory {

        private final FacetsConfig facets;

        FacetedSearcherFactory(FacetsConfig facets) {
            this.facets = facets;
        }

        @Override
        public IndexSearcher newSearcher(IndexReader reader, @Nullable IndexReader previousReader) throws IOException {
            return new FacetedSearcher(reader, facets);
        }
    }
}
