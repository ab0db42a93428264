package io.learnscale.content.topic;

/** Strong entity tags made from a topic's version, and the If-Match comparison (RFC 9110, 13.1.1). */
final class EntityTags {

    private EntityTags() {}

    static String of(long version) {
        return "\"" + version + "\"";
    }

    /** True when {@code ifMatch} is {@code *} or lists this version's tag; weak tags never match If-Match. */
    static boolean matches(String ifMatch, long version) {
        String current = of(version);
        for (String tag : ifMatch.split(",")) {
            String candidate = tag.trim();
            if (candidate.equals("*") || candidate.equals(current)) {
                return true;
            }
        }
        return false;
    }
}
