package org.dualpath.common;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import smile.feature.extraction.PCA;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** ND4J and Smile share one JavaCPP/OpenBLAS in the same JVM. */
class NativeStackTest {
    @Test
    void nd4jMatrixProductAndSmilePcaRunInOneJvm() throws Exception {
        INDArray a = Nd4j.create(new double[][]{{1, 2}, {3, 4}});
        INDArray b = Nd4j.create(new double[][]{{5, 6}, {7, 8}});
        INDArray c = a.mmul(b);
        assertThat(c.getDouble(0, 0)).isEqualTo(19.0);
        assertThat(c.getDouble(1, 1)).isEqualTo(50.0);

        // points on a line y = 2x plus small noise: the first component explains nearly all variance
        Random rnd = new Random(7);
        double[][] x = new double[200][3];
        for (int i = 0; i < x.length; i++) {
            double t = rnd.nextGaussian();
            x[i] = new double[]{t, 2 * t, 0.01 * rnd.nextGaussian()};
        }
        PCA pca = PCA.fit(x);
        assertThat(pca.varianceProportion()[0]).isGreaterThan(0.99);
        double[] firstAxis = pca.loadings().col(0);
        assertThat(Math.abs(firstAxis[1] / firstAxis[0])).isCloseTo(2.0, within(0.01));

        assertThat(org.bytedeco.javacpp.Loader.getVersion()).isEqualTo("1.5.7");
        assertThat(smile.math.blas.BLAS.engine.getClass().getName()).contains("openblas");
    }
}
