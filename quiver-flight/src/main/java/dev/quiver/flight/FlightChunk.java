package dev.quiver.flight;

import dev.quiver.array.RecordBatch;

/**
 * What one {@code FlightData} message carried: a record batch, application metadata, or both (PyArrow's
 * {@code FlightStreamChunk}).
 *
 * @param batch       the record batch, or null for a message of metadata only
 * @param appMetadata the application metadata, or null when the message had none
 */
public record FlightChunk(RecordBatch batch, byte[] appMetadata) {}
