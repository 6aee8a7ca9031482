package io.flashorder.points;

import io.flashorder.order.PlacedOrder;
import io.flashorder.order.query.OrderPointsQueries;
import io.flashorder.order.query.OrderQueries;
import io.flashorder.platform.error.ApiException;
import io.flashorder.platform.page.Page;
import io.flashorder.platform.page.PageRequest;
import io.flashorder.platform.sql.Transactions;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Member points: the buyer's ledger in PostgreSQL (append-only, one entry per change with its reason and reference).
 * Points are earned when a merchant order completes (on the goods it paid, less what was refunded before), clawed
 * back in proportion to goods refunded after that, and expire FIFO. The lifecycle features call in within their own
 * transactions, so an entry exists exactly when the change it follows committed; every such call is idempotent on its
 * reference (a retry changes nothing).
 */
@ApplicationScoped
public class PointsService {

    private final Pool pool;
    private final PointsLedger ledger;
    private final OrderQueries orders;
    private final OrderPointsQueries spentPoints;
    private final PointsMirror mirror;
    private final PointsConfig config;
    private final Clock clock;

    public PointsService(Pool pool, PointsLedger ledger, OrderQueries orders, OrderPointsQueries spentPoints,
                         PointsMirror mirror, PointsConfig config, Clock clock) {
        this.spentPoints = spentPoints;
        this.mirror = mirror;
        this.pool = pool;
        this.ledger = ledger;
        this.orders = orders;
        this.config = config;
        this.clock = clock;
    }

    /**
     * A merchant order completed (inside the completing transaction): its buyer earns points on the goods it paid,
     * less goods refunded before. Emits the points earned (0 if none, or if they were earned before).
     */
    public Uni<Long> earn(SqlConnection tx, UUID orderId, UUID merchantOrderId, String buyerId, Instant at) {
        Instant now = at.truncatedTo(ChronoUnit.MICROS);
        return orders.stored(tx, orderId).chain(stored -> {
            Optional<PlacedOrder.MerchantPart> part = stored.flatMap(order -> order.order().merchantOrders().stream()
                    .filter(mo -> mo.id().equals(merchantOrderId)).findFirst());
            if (part.isEmpty()) {
                Log.warnf("Merchant order %s of order %s not found: no points earned", merchantOrderId, orderId);
                return Uni.createFrom().item(0L);
            }
            long goodsPaid = part.get().subtotal() - part.get().discountTotal();
            return ledger.lock(tx, buyerId, now).chain(account -> ledger.find(tx, buyerId, PointsEntryKind.EARN,
                            merchantOrderId.toString())
                    .chain(earned -> earned.isPresent() ? Uni.createFrom().item(0L)
                            : ledger.refunded(tx, merchantOrderId).chain(refunded -> {
                                long basis = Math.max(0, goodsPaid - refunded.beforeEarn() - refunded.afterEarn());
                                long points = PointsMath.earned(basis, config.earnBasisPoints());
                                if (points == 0) {
                                    return Uni.createFrom().item(0L);
                                }
                                return ledger.append(tx, account, new PointsLedger.Draft(PointsEntryKind.EARN, points,
                                                "merchant order completed", merchantOrderId.toString(), orderId,
                                                merchantOrderId, basis, now.plus(config.expiry()), "system:points"), now)
                                        .replaceWith(points);
                            })));
        });
    }

    /**
     * An after-sale case refunded {@code goods} of a merchant order (inside the refunding transaction). Before the
     * merchant order's points were earned, it lowers what they will be earned on; after, it claws back the
     * proportional share: the total clawed back is always {@code earned × refunded / basis}, rounded down, so
     * refunding everything takes back exactly what was earned. Before shipment, the points the buyer spent on the
     * merchant order come back the same way: {@code spent × refunded / paid goods} in all. Emits the change of the
     * balance (returned less clawed back).
     */
    public Uni<Long> refunded(SqlConnection tx, String buyerId, UUID orderId, UUID merchantOrderId, UUID caseId,
                              long goods, boolean beforeShipment, Instant at) {
        Instant now = at.truncatedTo(ChronoUnit.MICROS);
        String mo = merchantOrderId.toString();
        return ledger.lock(tx, buyerId, now)
                .chain(account -> ledger.find(tx, buyerId, PointsEntryKind.EARN, mo)
                        .chain(earn -> ledger.recordRefund(tx, caseId, buyerId, merchantOrderId, goods,
                                        earn.isPresent(), beforeShipment, now)
                                .chain(recorded -> {
                                    if (!recorded) {
                                        return Uni.createFrom().item(0L);
                                    }
                                    Ledgered start = new Ledgered(account, 0);
                                    Uni<Ledgered> returned = beforeShipment
                                            ? giveBackSpent(tx, start, orderId, merchantOrderId, caseId, goods, now)
                                            : Uni.createFrom().item(start);
                                    return returned.chain(after -> earn.isEmpty() || earn.get().basis() == null
                                            || earn.get().basis() == 0 ? Uni.createFrom().item(after)
                                            : clawBack(tx, after, earn.get(), orderId, merchantOrderId, caseId, goods,
                                            now)).map(Ledgered::change);
                                })));
    }

    /** The locked account after the entries written so far, and how much they changed the balance. */
    private record Ledgered(PointsLedger.Account account, long change) {
    }

    private Uni<Ledgered> clawBack(SqlConnection tx, Ledgered so, PointsEntry earn, UUID orderId,
                                   UUID merchantOrderId, UUID caseId, long goods, Instant now) {
        String buyerId = so.account().buyerId();
        return ledger.refunded(tx, merchantOrderId)
                .chain(refunded -> ledger.moved(tx, buyerId, PointsEntryKind.CLAWBACK, merchantOrderId).chain(before -> {
                    long due = PointsMath.clawedBackInAll(earn.amount(), earn.basis(), refunded.afterEarn()) - before;
                    if (due <= 0) {
                        return Uni.createFrom().item(so);
                    }
                    return ledger.append(tx, so.account(), new PointsLedger.Draft(PointsEntryKind.CLAWBACK, -due,
                                    "goods refunded after completion", caseId.toString(), orderId, merchantOrderId,
                                    goods, null, "system:points"), now)
                            .map(appended -> new Ledgered(appended.account(), so.change() - due));
                }));
    }

    private Uni<Ledgered> giveBackSpent(SqlConnection tx, Ledgered so, UUID orderId, UUID merchantOrderId,
                                        UUID caseId, long goods, Instant now) {
        String buyerId = so.account().buyerId();
        return orders.stored(tx, orderId).chain(stored -> {
            long spent = stored.map(order -> SpentPoints.ofMerchantOrder(order.order(), merchantOrderId)).orElse(0L);
            if (spent == 0) {
                return Uni.createFrom().item(so);
            }
            long paidGoods = stored.get().order().merchantOrders().stream().filter(mo -> mo.id().equals(merchantOrderId))
                    .mapToLong(mo -> mo.subtotal() - mo.discountTotal()).sum();
            return ledger.refunded(tx, merchantOrderId).chain(refunded -> ledger.moved(tx, buyerId,
                    PointsEntryKind.RETURN, merchantOrderId).chain(before -> {
                        long inAll = paidGoods == 0 ? spent
                                : PointsMath.clawedBackInAll(spent, paidGoods, refunded.beforeShipment());
                        long due = inAll - before;
                        if (due <= 0) {
                            return Uni.createFrom().item(so);
                        }
                        return ledger.append(tx, so.account(), new PointsLedger.Draft(PointsEntryKind.RETURN, due,
                                        "refunded before shipment", caseId.toString(), orderId, merchantOrderId, goods,
                                        now.plus(config.expiry()), "system:points"), now)
                                .map(appended -> new Ledgered(appended.account(), so.change() + due));
                    }));
        });
    }

    /**
     * An order was paid (inside the paying transaction): the points it spends are spent for good, one REDEEM entry.
     * Its reservation held them in Redis; the mirror settles that hold once it mirrors this entry (see
     * {@link PointsMirror}). Emits the points spent (0 for an order without points, or spent before).
     */
    public Uni<Long> redeem(SqlConnection tx, UUID orderId, String buyerId, Instant at) {
        Instant now = at.truncatedTo(ChronoUnit.MICROS);
        return spentPoints.spentBy(tx, orderId).chain(points -> points == 0 ? Uni.createFrom().item(0L)
                : ledger.lock(tx, buyerId, now).chain(account -> ledger.find(tx, buyerId, PointsEntryKind.REDEEM,
                        orderId.toString()).chain(found -> found.isPresent() ? Uni.createFrom().item(0L)
                        : ledger.append(tx, account, new PointsLedger.Draft(PointsEntryKind.REDEEM, -points,
                                "spent on an order", orderId.toString(), orderId, null, null, null, "system:points"),
                                now).replaceWith(points))));
    }

    /**
     * After a transaction that changed the buyer's ledger committed: its Redis mirror follows now (a failure is left
     * to the mirror job). Never fails.
     */
    public Uni<Void> mirror(String buyerId) {
        return mirror.syncQuietly(buyerId);
    }

    /** Loads the buyer's Redis mirror from the ledger if it is missing or stale (the checkout, before spending). */
    public Uni<Void> loadMirror(String buyerId) {
        return mirror.load(buyerId);
    }

    /** The points the buyer could spend on an order now, as checkout's reservation counts them; writes nothing. */
    public Uni<Long> spendable(String buyerId) {
        return mirror.spendable(buyerId);
    }

    /** The buyer's balance and its next expiry (zero for a buyer who never had points). */
    public Uni<PointsBalance> balance(String buyerId) {
        return pool.withConnection(c -> ledger.account(c, buyerId).chain(account -> {
            if (account.isEmpty()) {
                return Uni.createFrom().item(new PointsBalance(buyerId, 0, null, 0));
            }
            Instant next = account.get().nextExpiryAt();
            if (next == null) {
                return Uni.createFrom().item(new PointsBalance(buyerId, account.get().balance(), null, 0));
            }
            return ledger.expiryFacts(c, buyerId, next).map(facts -> new PointsBalance(buyerId,
                    account.get().balance(), next, PointsMath.expiring(facts.creditsDue(), facts.debits())));
        }));
    }

    /** An operator's view of a buyer's balance: 404 for a buyer who never had points. */
    public Uni<PointsBalance> balanceOfKnownBuyer(String buyerId) {
        return pool.withConnection(c -> ledger.account(c, buyerId))
                .chain(account -> account.isEmpty() ? Uni.createFrom().failure(ApiException.notFound("points-account",
                        buyerId)) : balance(buyerId));
    }

    /** The buyer's ledger, newest first (keyset: the cursor is the last entry seen). */
    public Uni<Page<PointsEntry>> entries(String buyerId, PageRequest page) {
        return pool.withConnection(c -> ledger.page(c, buyerId, page.after(), page.fetchSize()))
                .map(rows -> Page.of(rows, page, PointsEntry::id, entry -> entry));
    }

    /**
     * An operator adds or takes points, with a reason (audited: the entry names the operator). A reference makes it
     * idempotent: the same reference again answers the entry it made. Taking more than the balance is a 409.
     */
    public Uni<PointsEntry> adjust(String buyerId, AdjustmentRequest request, String operator) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        long amount = request.amount();
        if (amount == 0) {
            throw ApiException.invalidField("amount", "must not be zero");
        }
        if (Math.abs(amount) > config.maxAdjustment()) {
            throw ApiException.invalidField("amount", "must be between -" + config.maxAdjustment() + " and "
                    + config.maxAdjustment());
        }
        String reference = request.reference() == null ? "adjustment:" + UUID.randomUUID() : request.reference().strip();
        return Transactions.withStatementTimeout(pool, config.statementTimeout(), tx -> ledger.lock(tx, buyerId, now)
                .chain(account -> ledger.find(tx, buyerId, PointsEntryKind.ADJUST, reference).chain(existing -> {
                    if (existing.isPresent()) {
                        return Uni.createFrom().item(existing.get());
                    }
                    if (amount < 0 && account.balance() + amount < 0) {
                        return Uni.createFrom().failure(ApiException.conflict("insufficient-points",
                                "The buyer has " + account.balance() + " points; cannot take " + -amount,
                                Map.of("balance", account.balance())));
                    }
                    return ledger.append(tx, account, new PointsLedger.Draft(PointsEntryKind.ADJUST, amount,
                            request.reason().strip(), reference, null, null, null,
                            amount > 0 ? now.plus(config.expiry()) : null, "admin:" + operator), now)
                            .map(PointsLedger.Appended::entry);
                })))
                .call(() -> mirror.syncQuietly(buyerId));
    }

    /**
     * Expires points whose time has come, FIFO, batch after batch: each batch claims accounts (FOR UPDATE SKIP
     * LOCKED, so pods share the work) and writes one EXPIRE entry per account with something left to expire.
     * Emits how many points expired.
     */
    public Uni<Long> expireDue() {
        return io.smallrye.mutiny.Multi.createBy().repeating().uni(this::expireBatch)
                .whilst(batch -> batch.accounts() == config.expiryBatchSize())
                .select().first(config.expiryMaxBatches())
                .collect().with(java.util.stream.Collectors.summingLong(Batch::points));
    }

    private record Batch(int accounts, long points) {
    }

    private Uni<Batch> expireBatch() {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        return Transactions.withStatementTimeout(pool, config.statementTimeout(), tx -> ledger.claimDue(tx, now,
                        config.expiryBatchSize())
                .chain(buyers -> io.smallrye.mutiny.Multi.createFrom().iterable(buyers)
                        .onItem().transformToUniAndConcatenate(buyer -> expire(tx, buyer, now))
                        .collect().with(java.util.stream.Collectors.summingLong(Long::longValue))
                        .map(points -> new Batch(buyers.size(), points))));
    }

    /**
     * One account's expiry: what FIFO says is due, less what its unpaid orders hold (they took the earliest points),
     * is first taken off the Redis mirror (so no reservation spends it meanwhile), then recorded. The next expiry is
     * the earliest credit still ahead; points held now and released later expire at the next run after that.
     */
    private Uni<Long> expire(SqlConnection tx, String buyerId, Instant now) {
        return ledger.lock(tx, buyerId, now).chain(account -> ledger.expiryFacts(tx, buyerId, now).chain(facts -> {
            long due = PointsMath.expiring(facts.creditsDue(), facts.debits());
            Uni<Long> expiring = due == 0 ? Uni.createFrom().item(0L) : mirror.expire(tx, buyerId, due);
            return expiring.chain(points -> {
                Uni<Long> written = points == 0 ? Uni.createFrom().item(0L)
                        : ledger.append(tx, account, new PointsLedger.Draft(PointsEntryKind.EXPIRE, -points,
                                "not spent before expiry", "expiry:" + now, null, null, null, null,
                                "system:points-expiry"), now).replaceWith(points);
                // Held points that were due stay due: look again at the next run.
                Instant next = points < due ? now.plus(config.expiryRecheck()) : facts.nextAfter();
                return written.call(() -> ledger.setNextExpiry(tx, buyerId, earliest(next, facts.nextAfter())));
            });
        }));
    }

    private static Instant earliest(Instant a, Instant b) {
        return a == null ? b : b == null ? a : a.isBefore(b) ? a : b;
    }
}
