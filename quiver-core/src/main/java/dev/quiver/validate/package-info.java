/**
 * Validation of {@link dev.quiver.array.ArrayData} against the Arrow columnar format before values are read:
 * {@link dev.quiver.validate.Validator} at a {@link dev.quiver.validate.ValidationLevel}. Problems are reported as
 * {@link dev.quiver.InvalidDataException} naming the field path.
 *
 * @see <a href="https://arrow.apache.org/docs/format/Columnar.html">Arrow Columnar Format</a>
 */
package dev.quiver.validate;
