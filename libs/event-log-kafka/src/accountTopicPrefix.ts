/**
 * The topic prefix of one account's Regions: the server's default account uses the prefix itself
 * (`trent.<region>.events`), every other account `<prefix>.<account>` (`trent.444455556666.<region>.events`),
 * so one account's topics never mix with another's. The server (Server.ts, kafkaRequests) and the CLI
 * (`trent keys history`, `trent audit` on the Kafka store) name topics by this one rule.
 */
export const accountTopicPrefix = (topicPrefix: string, defaultAccount: string, account: string): string =>
  account === defaultAccount ? topicPrefix : `${topicPrefix}.${account}`
