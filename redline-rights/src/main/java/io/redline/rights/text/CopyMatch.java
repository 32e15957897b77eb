package io.redline.rights.text;

/**
 * An earlier item a text nearly copies.
 *
 * @param id         the earlier item's id
 * @param author     its author
 * @param similarity estimated Jaccard similarity of the two shingle sets, 0..1
 */
public record CopyMatch(String id, String author, double similarity) {}
