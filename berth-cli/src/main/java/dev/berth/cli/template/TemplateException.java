package dev.berth.cli.template;

/** A template that does not parse, or fails while executing; the message follows Go's wording. */
public final class TemplateException extends RuntimeException {
    public TemplateException(String message) {
        super(message);
    }
}
