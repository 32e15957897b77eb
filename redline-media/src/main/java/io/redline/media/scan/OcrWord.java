package io.redline.media.scan;

/**
 * One word Tesseract read (for Chinese, usually a run of characters).
 *
 * @param text       the word as recognised
 * @param box        where it is, in the original image's pixels
 * @param confidence Tesseract's confidence, 0..1
 * @param start      UTF-16 offset of the word in {@link OcrText#text()}, inclusive
 * @param end        exclusive
 */
public record OcrWord(String text, Box box, double confidence, int start, int end) {}
