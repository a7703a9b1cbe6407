package org.seedcast.publishing.web;

import java.io.IOException;
import java.security.cert.X509Certificate;
import java.util.concurrent.Semaphore;

import jakarta.servlet.http.HttpServletResponse;
import org.seedcast.torrent.PublisherIdentity;
import org.seedcast.torrent.TorrentVerifier;
import org.seedcast.torrent.Verification;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;

/**
 * {@code /verify}: anyone checks a .torrent against this publisher's certificate (BEP 35). Anyone
 * means an attacker too, so a check is bounded: the file at 1 MiB (our torrents are a certificate
 * and 20 bytes a piece, well under it), its bencode at {@value #MAX_VALUES} values (each costs a few
 * objects), and {@value #CHECKERS} checks at a time; beyond that the page says the checker is busy.
 */
@Controller
class VerifyController {

    static final long MAX_TORRENT = 1L << 20;
    static final int MAX_VALUES = 50_000;
    static final int CHECKERS = 4;

    private final PublisherIdentity identity;
    private final Semaphore checkers = new Semaphore(CHECKERS);

    VerifyController(PublisherIdentity identity) {
        this.identity = identity;
    }

    @GetMapping("/verify")
    String page(Model model) {
        model.addAttribute("publisher", identity.id());
        return "verify";
    }

    @PostMapping("/verify")
    String verify(@RequestParam(required = false) MultipartFile torrent, Model model, HttpServletResponse response)
            throws IOException {
        model.addAttribute("publisher", identity.id());
        if (torrent == null || torrent.isEmpty()) {
            model.addAttribute("error", "Choose a .torrent file to check.");
            return "verify";
        }
        if (torrent.getSize() > MAX_TORRENT) {
            response.setStatus(HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE);
            model.addAttribute("error", "That file is larger than any torrent we publish (at most 1 MiB).");
            return "verify";
        }
        if (!checkers.tryAcquire()) {
            response.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
            model.addAttribute("error", "The checker is busy with other torrents right now; try again in a moment.");
            return "verify";
        }
        try {
            model.addAttribute("result", check(torrent.getBytes(), identity.certificate()));
        } finally {
            checkers.release();
        }
        model.addAttribute("fileName", torrent.getOriginalFilename());
        return "verify";
    }

    static Verification check(byte[] bytes, X509Certificate certificate) {
        return TorrentVerifier.verify(bytes, certificate, MAX_VALUES);
    }

    /** For tests: takes every checker, as a burst of parallel checks would; returns how many were taken. */
    int occupyAllCheckers() {
        return checkers.drainPermits();
    }

    void releaseCheckers(int permits) {
        checkers.release(permits);
    }
}
