package org.dualpath.data.shapes;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.Shape;
import java.awt.geom.AffineTransform;
import java.awt.geom.Line2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.util.Random;

/**
 * Paints a {@link Scene} with Java2D (anti-aliased): the background pattern in the background tone and a
 * lighter or darker accent of it, each object with a random surface (flat, shaded, hatched or outlined, all
 * in tints of its own colour so the colour name stays true), then Gaussian pixel noise of a random strength.
 */
final class SceneRenderer {
    private static final double ACCENT = 0.22;
    private static final double TINT = 0.3;
    private static final double MAX_NOISE_SIGMA = 5;

    private SceneRenderer() {
    }

    static BufferedImage render(Scene scene, int canvas, Random random) {
        BufferedImage image = new BufferedImage(canvas, canvas, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
            paintBackground(g, image, scene, canvas, random);
            for (SceneObject object : scene.objects()) {
                paintObject(g, object, random);
            }
        } finally {
            g.dispose();
        }
        addNoise(image, random.nextDouble() * MAX_NOISE_SIGMA, random);
        return image;
    }

    private static void paintBackground(Graphics2D g, BufferedImage image, Scene scene, int canvas, Random random) {
        Color base = scene.backgroundColor();
        Color accent = brightness(base) > 128 ? mix(base, Color.BLACK, ACCENT) : mix(base, Color.WHITE, ACCENT);
        g.setColor(base);
        g.fillRect(0, 0, canvas, canvas);
        switch (scene.background()) {
            case SOLID -> {
                // the plain tone is the whole background
            }
            case GRADIENT -> {
                double angle = random.nextDouble() * 2 * Math.PI;
                float dx = (float) (Math.cos(angle) * canvas / 2);
                float dy = (float) (Math.sin(angle) * canvas / 2);
                float c = canvas / 2f;
                g.setPaint(new GradientPaint(c - dx, c - dy, base, c + dx, c + dy, accent));
                g.fillRect(0, 0, canvas, canvas);
            }
            case STRIPES -> {
                int period = 8 + random.nextInt(13);
                AffineTransform saved = g.getTransform();
                g.rotate(random.nextInt(4) * Math.PI / 4, canvas / 2.0, canvas / 2.0);
                g.setColor(accent);
                for (int x = -canvas; x < 2 * canvas; x += period) {
                    g.fillRect(x, -canvas, period / 2, 3 * canvas);
                }
                g.setTransform(saved);
            }
            case CHECKER -> {
                int cell = 8 + random.nextInt(13);
                g.setColor(accent);
                for (int y = 0; y < canvas; y += cell) {
                    for (int x = (y / cell) % 2 * cell; x < canvas; x += 2 * cell) {
                        g.fillRect(x, y, cell, cell);
                    }
                }
            }
            case NOISE -> {
                for (int y = 0; y < canvas; y++) {
                    for (int x = 0; x < canvas; x++) {
                        image.setRGB(x, y, mix(base, accent, random.nextDouble()).getRGB());
                    }
                }
            }
        }
    }

    private static void paintObject(Graphics2D g, SceneObject object, Random random) {
        Shape outline = object.outline();
        Rectangle2D box = object.bounds();
        Color color = object.color().rgb();
        Color light = mix(color, Color.WHITE, TINT);
        Color dark = mix(color, Color.BLACK, TINT);
        switch (random.nextInt(4)) {
            case 0 -> {
                g.setColor(color);
                g.fill(outline);
            }
            case 1 -> {
                g.setPaint(new GradientPaint((float) box.getMinX(), (float) box.getMinY(), light,
                        (float) box.getMaxX(), (float) box.getMaxY(), dark));
                g.fill(outline);
            }
            case 2 -> {
                g.setColor(color);
                g.fill(outline);
                Shape clip = g.getClip();
                g.clip(outline);
                g.setColor(dark);
                g.setStroke(new BasicStroke(1.2f));
                int step = 3 + random.nextInt(3);
                for (double d = -box.getHeight(); d < box.getWidth(); d += step) {
                    g.draw(new Line2D.Double(box.getMinX() + d, box.getMaxY(),
                            box.getMinX() + d + box.getHeight(), box.getMinY()));
                }
                g.setClip(clip);
            }
            default -> {
                g.setColor(color);
                g.fill(outline);
                g.setColor(dark);
                g.setStroke(new BasicStroke(2f));
                g.draw(outline);
            }
        }
    }

    private static void addNoise(BufferedImage image, double sigma, Random random) {
        int w = image.getWidth();
        int h = image.getHeight();
        int[] rgb = image.getRGB(0, 0, w, h, null, 0, w);
        for (int i = 0; i < rgb.length; i++) {
            int p = rgb[i];
            int r = clamp(((p >> 16) & 0xFF) + random.nextGaussian() * sigma);
            int gr = clamp(((p >> 8) & 0xFF) + random.nextGaussian() * sigma);
            int b = clamp((p & 0xFF) + random.nextGaussian() * sigma);
            rgb[i] = (r << 16) | (gr << 8) | b;
        }
        image.setRGB(0, 0, w, h, rgb, 0, w);
    }

    private static int clamp(double v) {
        return (int) Math.max(0, Math.min(255, Math.round(v)));
    }

    private static double brightness(Color c) {
        return 0.299 * c.getRed() + 0.587 * c.getGreen() + 0.114 * c.getBlue();
    }

    /** {@code a} moved the fraction {@code t} towards {@code b}. */
    private static Color mix(Color a, Color b, double t) {
        return new Color(
                (int) Math.round(a.getRed() + (b.getRed() - a.getRed()) * t),
                (int) Math.round(a.getGreen() + (b.getGreen() - a.getGreen()) * t),
                (int) Math.round(a.getBlue() + (b.getBlue() - a.getBlue()) * t));
    }
}
