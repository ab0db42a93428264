package io.learnscale.content.topic;

/** A replace or a patch came without If-Match, so it could silently overwrite someone else's change. */
class PreconditionRequiredException extends RuntimeException {

    PreconditionRequiredException(String slug) {
        super("Send If-Match with the ETag of the version of '" + slug
                + "' you changed (GET it first), or If-Match: * to overwrite whatever is there.");
    }
}
