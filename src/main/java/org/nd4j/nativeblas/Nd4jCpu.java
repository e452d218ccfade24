package org.nd4j.nativeblas;

/**
 * The class name under which DL4J 1.0.0-M2.1's oneDNN layer helpers ({@code BaseMKLDNNHelper.mklDnnEnabled})
 * look up the native environment. ND4J M2.1 moved that class to
 * {@code org.nd4j.linalg.cpu.nativecpu.bindings.Nd4jCpu} and renamed {@code isUseMKLDNN} to {@code isUseONEDNN},
 * so without this bridge the lookup fails, the helpers are never created and every convolution and batch norm
 * runs DL4J's slow built-in path (see {@link org.dualpath.model.OneDnnHelpers}).
 */
public final class Nd4jCpu {
    private Nd4jCpu() {
    }

    /** Answers DL4J's helper check from ND4J's real native environment. */
    public static final class Environment {
        private static final Environment INSTANCE = new Environment();

        private Environment() {
        }

        public static Environment getInstance() {
            return INSTANCE;
        }

        public boolean isUseMKLDNN() {
            return org.nd4j.linalg.cpu.nativecpu.bindings.Nd4jCpu.Environment.getInstance().isUseONEDNN();
        }
    }
}
