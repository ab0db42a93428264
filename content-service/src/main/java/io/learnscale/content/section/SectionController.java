package io.learnscale.content.section;

import io.learnscale.content.cache.ContentCache;
import io.learnscale.content.web.HttpCaching;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/sections")
@Tag(name = "sections", description = "The sections of the notes")
class SectionController {

    private final Sections sections;
    private final ContentCache cache;
    private final HttpCaching caching;

    SectionController(Sections sections, ContentCache cache, HttpCaching caching) {
        this.sections = sections;
        this.cache = cache;
        this.caching = caching;
    }

    @GetMapping
    @Operation(summary = "Every section in reading order, with its number of topics")
    ResponseEntity<List<Section>> list() {
        SectionList all =
                cache.listing("sections", "all", SectionList.class, () -> new SectionList(sections.findAll()));
        return ResponseEntity.ok()
                .cacheControl(caching.listing().cacheControl())
                .body(all.sections());
    }

    /** The cached form of the listing. */
    record SectionList(List<Section> sections) {}
}
