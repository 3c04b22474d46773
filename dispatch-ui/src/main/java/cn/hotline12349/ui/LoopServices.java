package cn.hotline12349.ui;

import cn.hotline12349.core.followup.FollowUps;
import cn.hotline12349.core.partner.PartnerService;
import cn.hotline12349.core.referral.LoopConfig;
import cn.hotline12349.core.referral.MandatoryBoard;
import cn.hotline12349.core.referral.ReferralService;
import cn.hotline12349.core.reply.CallbackAttempts;
import cn.hotline12349.core.stats.StatsRepository;
import cn.hotline12349.core.stats.TicketExport;

/** Closing the loop (issue 16): partners, referrals, mandatory reports, reply calls, follow-ups, statistics, exports. */
public record LoopServices(LoopConfig config, PartnerService partners, ReferralService referrals,
                           MandatoryBoard mandatory, CallbackAttempts attempts, FollowUps followUps,
                           StatsRepository stats, TicketExport export) {}
