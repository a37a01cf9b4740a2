package io.claimgate.model;

/**
 * Which interchange, group and transaction set a claim came from: ordinals count from 0 within the file, the
 * control numbers are as read (ISA13, GS06, ST02).
 */
public record TransactionRef(int interchangeOrdinal, String interchangeControl,
                             int groupOrdinal, String groupControl,
                             int setOrdinal, String setControl) {
}
