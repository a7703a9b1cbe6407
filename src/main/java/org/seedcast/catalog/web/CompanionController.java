package org.seedcast.catalog.web;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.seedcast.accounts.SeedcastUser;
import org.seedcast.catalog.Catalog;
import org.seedcast.catalog.Chapters;
import org.seedcast.catalog.Companions;
import org.seedcast.catalog.InvalidInputException;
import org.seedcast.catalog.NotFoundException;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * An episode's chapters and transcript: served to fans, podcast apps and the player once the
 * episode is published; set by its producers in the studio, from a file or the text itself
 * ({@link CompanionApiController} takes them over the API).
 */
@Controller
class CompanionController {

    private static final CacheControl PUBLIC = CacheControl.maxAge(Duration.ofMinutes(5)).cachePublic();
    private static final MediaType VTT = new MediaType("text", "vtt", StandardCharsets.UTF_8);

    private final Companions companions;
    private final Catalog catalog;

    CompanionController(Companions companions, Catalog catalog) {
        this.companions = companions;
        this.catalog = catalog;
    }

    @GetMapping("/shows/{slug}/episodes/{id}/chapters.json")
    ResponseEntity<String> chapters(@PathVariable String slug, @PathVariable long id) {
        requireIn(slug, id);
        String json = companions.publishedChapters(id).orElseThrow(() -> new NotFoundException("This episode has no chapters."));
        return ResponseEntity.ok().cacheControl(PUBLIC).contentType(MediaType.parseMediaType(Chapters.MEDIA_TYPE)).body(json);
    }

    @GetMapping("/shows/{slug}/episodes/{id}/transcript.vtt")
    ResponseEntity<String> transcript(@PathVariable String slug, @PathVariable long id) {
        requireIn(slug, id);
        String vtt = companions.publishedTranscript(id).orElseThrow(() -> new NotFoundException("This episode has no transcript."));
        return ResponseEntity.ok().cacheControl(PUBLIC).contentType(VTT).body(vtt);
    }

    // ---- the studio: a file, or the text in the form; empty removes ----

    @PostMapping("/studio/episodes/{id}/chapters")
    String studioChapters(@PathVariable long id, @RequestParam(required = false) MultipartFile file,
                          @RequestParam(required = false) String text, @AuthenticationPrincipal SeedcastUser user,
                          RedirectAttributes redirect) throws IOException {
        return studioSave(id, redirect, "Chapters", () -> companions.setChapters(id, fileOrText(file, text), user));
    }

    @PostMapping("/studio/episodes/{id}/transcript")
    String studioTranscript(@PathVariable long id, @RequestParam(required = false) MultipartFile file,
                            @RequestParam(required = false) String text, @AuthenticationPrincipal SeedcastUser user,
                            RedirectAttributes redirect) throws IOException {
        return studioSave(id, redirect, "Transcript", () -> companions.setTranscript(id, fileOrText(file, text), user));
    }

    private interface Save {
        void run() throws IOException;
    }

    private static String studioSave(long id, RedirectAttributes redirect, String what, Save save) throws IOException {
        try {
            save.run();
            redirect.addFlashAttribute("success", what + " saved.");
        } catch (InvalidInputException e) {
            redirect.addFlashAttribute("error", what + " not saved: " + e.getMessage() + ".");
        }
        return "redirect:/studio/episodes/" + id + "#companions";
    }

    private static String fileOrText(MultipartFile file, String text) throws IOException {
        if (file == null || file.isEmpty()) {
            return text;
        }
        try (InputStream in = file.getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private void requireIn(String slug, long id) {
        catalog.publishedEpisode(id).filter(e -> e.showSlug().equals(slug))
                .orElseThrow(() -> new NotFoundException("No published episode " + id + " in " + slug + "."));
    }
}
