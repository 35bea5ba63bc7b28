package io.partita.app.browse;

/**
 * A way to show a key or value in the detail pane. Formats are plug-ins: {@link ValueFormats#all()} lists
 * them, and one for Avro or Protobuf joins the list without the views changing.
 */
public interface ValueFormat {

    /** The name on the format switch, e.g. "JSON". */
    String name();

    /** Whether this format can show {@code bytes} at all (pretty JSON needs JSON). */
    boolean accepts(byte[] bytes);

    /** The bytes shown in this format; only called when {@link #accepts} said yes. */
    String render(byte[] bytes);
}
