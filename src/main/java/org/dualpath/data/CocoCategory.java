package org.dualpath.data;

/** One entry of a COCO instances file's {@code categories} array. */
public record CocoCategory(int id, String name, String supercategory) {
}
