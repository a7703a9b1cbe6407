package org.seedcast.admin.audit;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** {@code /admin/audit}: the log, newest first, searchable by user, path, fields or address; 50 a page. */
@Controller
class AuditController {

    private static final int PAGE_SIZE = 50;

    private final AuditLog auditLog;

    AuditController(AuditLog auditLog) {
        this.auditLog = auditLog;
    }

    @GetMapping("/admin/audit")
    String list(@RequestParam(defaultValue = "") String q, @RequestParam(defaultValue = "1") int page, Model model) {
        long total = auditLog.count(q);
        int pages = (int) Math.max(1, (total + PAGE_SIZE - 1) / PAGE_SIZE);
        int current = Math.min(Math.max(1, page), pages);
        model.addAttribute("entries", auditLog.search(q, (current - 1) * PAGE_SIZE, PAGE_SIZE));
        model.addAttribute("q", q);
        model.addAttribute("total", total);
        model.addAttribute("page", current);
        model.addAttribute("pages", pages);
        return "admin/audit";
    }
}
