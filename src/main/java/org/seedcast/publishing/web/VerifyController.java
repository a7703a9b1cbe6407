package org.seedcast.publishing.web;

import java.io.IOException;

import org.seedcast.torrent.PublisherIdentity;
import org.seedcast.torrent.TorrentVerifier;
import org.seedcast.torrent.Verification;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;

/** {@code /verify}: anyone checks a .torrent against this publisher's certificate (BEP 35). */
@Controller
class VerifyController {

    private static final long MAX_TORRENT = 10L << 20;

    private final PublisherIdentity identity;

    VerifyController(PublisherIdentity identity) {
        this.identity = identity;
    }

    @GetMapping("/verify")
    String page(Model model) {
        model.addAttribute("publisher", identity.id());
        return "verify";
    }

    @PostMapping("/verify")
    String verify(@RequestParam(required = false) MultipartFile torrent, Model model) throws IOException {
        model.addAttribute("publisher", identity.id());
        if (torrent == null || torrent.isEmpty()) {
            model.addAttribute("error", "Choose a .torrent file to check.");
            return "verify";
        }
        if (torrent.getSize() > MAX_TORRENT) {
            model.addAttribute("error", "That file is too large to be a torrent of ours (over 10 MB).");
            return "verify";
        }
        Verification result = TorrentVerifier.verify(torrent.getBytes(), identity.certificate());
        model.addAttribute("fileName", torrent.getOriginalFilename());
        model.addAttribute("result", result);
        return "verify";
    }
}
