package io.flashorder.aftersale.arbitration;

import io.flashorder.aftersale.AfterSaleEvent;
import io.flashorder.aftersale.AfterSaleRepository;
import io.flashorder.aftersale.AfterSaleStatus;
import io.flashorder.aftersale.CaseActions;
import io.flashorder.aftersale.CaseRow;
import io.flashorder.aftersale.CaseTransitions;
import io.flashorder.aftersale.CaseView;
import io.flashorder.events.EventType;
import io.flashorder.order.lifecycle.OrderTransitions.Actor;
import io.flashorder.platform.page.Page;
import io.flashorder.platform.page.PageRequest;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.UUID;

/** Platform arbitration (平台介入): an admin decides a case its buyer disputed after the merchant rejected it. */
@ApplicationScoped
public class ArbitrationService {

    private final Pool pool;
    private final AfterSaleRepository repository;
    private final CaseTransitions moves;
    private final CaseActions actions;

    public ArbitrationService(Pool pool, AfterSaleRepository repository, CaseTransitions moves, CaseActions actions) {
        this.pool = pool;
        this.repository = repository;
        this.moves = moves;
        this.actions = actions;
    }

    /** Cases waiting for an admin's decision, newest first. */
    public Uni<Page<CaseView>> disputes(PageRequest page) {
        return pool.withConnection(c -> repository.casesIn(c, AfterSaleStatus.IN_ARBITRATION, page))
                .map(rows -> Page.of(rows, page, CaseRow::id, CaseRow::view));
    }

    /** Approved: the case continues as if the merchant had approved it. Refused: closed. */
    public Uni<CaseView> decide(String adminId, UUID caseId, ArbitrationRequest request) {
        Actor actor = new Actor("admin:" + adminId);
        String reason = request.reason().strip();
        return actions.act(caseId, found -> true, (tx, found, now) -> request.approve()
                ? moves.approve(tx, found, AfterSaleEvent.ARBITRATE_APPROVE, actor, reason, now)
                : moves.transition(tx, found, AfterSaleEvent.ARBITRATE_REJECT, actor, reason, reason, now)
                .call(to -> moves.event(tx, EventType.AFTER_SALE_CLOSED, found, to, AfterSaleEvent.ARBITRATE_REJECT,
                        actor, reason, now)));
    }
}
