package dev.quiver.array;

import dev.quiver.memory.LE;
import dev.quiver.type.ArrowType;

import java.lang.foreign.MemorySegment;
import java.math.BigDecimal;
import java.math.BigInteger;

/** Decimals stored as little-endian two's complement integers of 32, 64, 128 or 256 bits, with a scale. */
public final class DecimalArray extends Array {
    DecimalArray(ArrayData data) {
        super(data);
    }

    private ArrowType.Decimal decimal() {
        return (ArrowType.Decimal) data.type();
    }

    public int precision() { return decimal().precision(); }
    public int scale() { return decimal().scale(); }
    public int bitWidth() { return decimal().bitWidth(); }

    /** The unscaled integer value. */
    public BigInteger getUnscaled(int i) {
        int width = decimal().bitWidth() / 8;
        long at = pos(i) * width;
        MemorySegment values = data.buffer(1);
        return switch (width) {
            case 4 -> BigInteger.valueOf(values.get(LE.INT, at));
            case 8 -> BigInteger.valueOf(values.get(LE.LONG, at));
            default -> {
                byte[] bigEndian = new byte[width];
                for (int k = 0; k < width; k++) bigEndian[width - 1 - k] = values.get(LE.BYTE, at + k);
                yield new BigInteger(bigEndian);
            }
        };
    }

    /** The value: unscaled × 10^-scale. */
    public BigDecimal getBigDecimal(int i) {
        return new BigDecimal(getUnscaled(i), decimal().scale());
    }

    /** A BigDecimal. */
    @Override
    public Object getObject(int i) {
        return isNull(i) ? null : getBigDecimal(i);
    }
}
