	.file	"<string>"
	.section	.rodata.cst8,"aM",@progbits,8
	.p2align	3, 0x0
.LCPI0_0:
	.quad	0x4000000000000000
	.section	.ltext,"axl",@progbits
	.globl	_ZN13_3cdynamic_3e13ssim_row_sumsB2v1B104c8tJTIeFIjxB2IKSgI4CrvQClYb5wBbdC9XqiUXJBeo6CurJ_2bXklRYnJJSB2YloeiCoCJqLi_2fGQQM6_2b4Sr1WExjURRAjNQE_3dE5ArrayIhLi3E1C7mutable7alignedE5ArrayIhLi3E1C7mutable7alignedEx5ArrayIdLi1E1C7mutable7alignedEdd5ArrayIxLi1E1C7mutable7alignedE5ArrayIdLi2E1C7mutable7alignedE
	.p2align	4
	.type	_ZN13_3cdynamic_3e13ssim_row_sumsB2v1B104c8tJTIeFIjxB2IKSgI4CrvQClYb5wBbdC9XqiUXJBeo6CurJ_2bXklRYnJJSB2YloeiCoCJqLi_2fGQQM6_2b4Sr1WExjURRAjNQE_3dE5ArrayIhLi3E1C7mutable7alignedE5ArrayIhLi3E1C7mutable7alignedEx5ArrayIdLi1E1C7mutable7alignedEdd5ArrayIxLi1E1C7mutable7alignedE5ArrayIdLi2E1C7mutable7alignedE,@function
_ZN13_3cdynamic_3e13ssim_row_sumsB2v1B104c8tJTIeFIjxB2IKSgI4CrvQClYb5wBbdC9XqiUXJBeo6CurJ_2bXklRYnJJSB2YloeiCoCJqLi_2fGQQM6_2b4Sr1WExjURRAjNQE_3dE5ArrayIhLi3E1C7mutable7alignedE5ArrayIhLi3E1C7mutable7alignedEx5ArrayIdLi1E1C7mutable7alignedEdd5ArrayIxLi1E1C7mutable7alignedE5ArrayIdLi2E1C7mutable7alignedE:
	.cfi_startproc
	pushq	%rbp
	.cfi_def_cfa_offset 16
	pushq	%r15
	.cfi_def_cfa_offset 24
	pushq	%r14
	.cfi_def_cfa_offset 32
	pushq	%r13
	.cfi_def_cfa_offset 40
	pushq	%r12
	.cfi_def_cfa_offset 48
	pushq	%rbx
	.cfi_def_cfa_offset 56
	subq	$936, %rsp
	.cfi_def_cfa_offset 992
	.cfi_offset %rbx, -56
	.cfi_offset %r12, -48
	.cfi_offset %r13, -40
	.cfi_offset %r14, -32
	.cfi_offset %r15, -24
	.cfi_offset %rbp, -16
	movq	1256(%rsp), %r15
	movq	1240(%rsp), %rbp
	movq	1200(%rsp), %r14
	movq	1144(%rsp), %r12
	movq	1048(%rsp), %r13
	movabsq	$NRT_incref, %rbx
	movq	%rdi, 664(%rsp)
	movq	%rdx, %rdi
	vmovsd	%xmm1, 328(%rsp)
	vmovsd	%xmm0, 320(%rsp)
	movq	%rsi, 72(%rsp)
	movq	%rdx, 656(%rsp)
	callq	*%rbx
	movq	%r13, %rdi
	callq	*%rbx
	movq	%r12, %rdi
	callq	*%rbx
	movq	%r14, %rdi
	callq	*%rbx
	movq	%r15, %rdi
	callq	*%rbx
	movq	%rbp, 224(%rsp)
	cmpq	$2, %rbp
	jl	.LBB0_273
	movq	1184(%rsp), %r9
	movq	1008(%rsp), %r10
	xorl	%ecx, %ecx
	movabsq	$.const.picklebuf.331b8563bdb9dac81b38422273052c486fc1706b, %r15
	movabsq	$.const.picklebuf.58e14eccb507b1e0206981740223e685cb8c3c57, %r14
	subq	%r9, %r10
	leaq	255(%r9), %r11
	movq	%r9, %r8
	leaq	256(%r10), %rax
	shrq	$8, %rax
	testq	%r10, %r10
	cmovnsq	%rax, %rcx
	imulq	$5, %r11, %rbx
	seto	%dl
	imulq	$5, %r9, %rdi
	movq	%rcx, 200(%rsp)
	movabsq	$-36028797018963968, %rcx
	seto	%al
	addq	%rdi, %rcx
	movq	%rdi, %rsi
	movq	%rdi, 216(%rsp)
	shlq	$8, %rsi
	movabsq	$-1152921504606846976, %rdi
	shrq	$56, %rcx
	cmpl	$255, %ecx
	setb	%cl
	addq	%rdi, %rsi
	shrq	$61, %rsi
	cmpl	$7, %esi
	setb	%sil
	subq	$-255, %r8
	cmovlq	%r15, %r14
	movq	%r8, 560(%rsp)
	jl	.LBB0_287
	testb	%dl, %dl
	jne	.LBB0_287
	leaq	(%rbx,%rdi), %rdx
	movabsq	$-2305843009213693952, %r8
	cmpq	%r8, %rdx
	jb	.LBB0_287
	shlq	$3, %rbx
	testq	%r9, %r9
	js	.LBB0_280
	orb	%cl, %al
	orb	%sil, %al
	jne	.LBB0_282
	movq	1136(%rsp), %r8
	movq	1304(%rsp), %rsi
	leaq	(,%r11,8), %rax
	movq	1016(%rsp), %r12
	movq	1104(%rsp), %r13
	movq	1096(%rsp), %rdx
	movq	%r10, 400(%rsp)
	incq	%r10
	movq	1232(%rsp), %rdi
	addq	$-2, 224(%rsp)
	shlq	$11, 216(%rsp)
	movq	%r11, %rcx
	shlq	$4, %rcx
	shlq	$5, %r11
	movabsq	$NRT_MemInfo_alloc_aligned, %rbp
	movq	%rbx, 648(%rsp)
	imulq	1008(%rsp), %r12
	movq	%r10, 144(%rsp)
	movq	%rcx, 544(%rsp)
	movq	%r9, %rcx
	shlq	$5, %rcx
	movq	%r11, 552(%rsp)
	leaq	(%rax,%rax,2), %rax
	movq	%rcx, 528(%rsp)
	movq	%rax, 536(%rsp)
	movabsq	$.LCPI0_0, %rax
	movq	%r8, %r14
	sarq	$63, %r14
	leaq	(,%rsi,8), %r15
	vmovsd	(%rax), %xmm0
	movq	%r9, %rax
	shlq	$4, %rax
	imulq	%rdx, %r13
	andq	%rsi, %r14
	leaq	(,%r9,8), %rsi
	leaq	4176(%rax), %r10
	movq	%rax, 520(%rsp)
	addq	$4136, %rax
	addq	%r8, %r14
	movq	%rax, 456(%rsp)
	movq	%r10, 488(%rsp)
	leaq	8256(%rcx), %r10
	movq	%r15, 680(%rsp)
	leaq	(%rsi,%rsi,2), %r8
	leaq	6176(%rsi,%rsi,2), %rax
	movq	%r14, 688(%rsp)
	leaq	(%rsi,%rsi,4), %rdx
	leaq	2040(,%r9,8), %r14
	movq	%r10, 472(%rsp)
	movq	%rsi, 208(%rsp)
	movq	%r12, 240(%rsp)
	movq	%r13, 232(%rsp)
	movq	%r8, 504(%rsp)
	leaq	2136(,%r9,8), %r8
	movq	%rax, 448(%rsp)
	leaq	8216(%rcx), %rax
	movq	%rdx, 512(%rsp)
	movq	%r14, 16(%rsp)
	movq	%rax, 440(%rsp)
	xorl	%eax, %eax
	movq	%r8, 496(%rsp)
	leaq	6216(%rsi,%rsi,2), %r8
	vmovsd	%xmm0, 304(%rsp)
	movq	%r8, 480(%rsp)
	leaq	2048(,%r9,8), %r8
	movq	%r8, 464(%rsp)
	jmp	.LBB0_8
	.p2align	4
.LBB0_7:
	movq	728(%rsp), %r12
	movq	712(%rsp), %rdi
	movabsq	$NRT_decref, %r14
	leaq	1(%r12), %rbx
	vzeroupper
	callq	*%r14
	movq	720(%rsp), %rdi
	callq	*%r14
	movq	704(%rsp), %rdi
	callq	*%r14
	movq	%rbx, %rax
	movq	648(%rsp), %rbx
	movq	1232(%rsp), %rdi
	movabsq	$NRT_MemInfo_alloc_aligned, %rbp
	cmpq	224(%rsp), %r12
	je	.LBB0_273
.LBB0_8:
	movq	(%rdi,%rax,8), %rcx
	movq	%rax, 728(%rsp)
	movq	8(%rdi,%rax,8), %rax
	movl	$32, %esi
	movq	%rbx, %rdi
	movq	%rcx, 88(%rsp)
	movq	%rax, 40(%rsp)
	callq	*%rbp
	testq	%rax, %rax
	je	.LBB0_286
	movq	216(%rsp), %rdi
	movq	24(%rax), %r15
	movl	$32, %esi
	movq	%rax, 720(%rsp)
	callq	*%rbp
	testq	%rax, %rax
	je	.LBB0_278
	movq	%rax, 712(%rsp)
	movq	24(%rax), %rax
	movl	$10240, %edi
	movl	$32, %esi
	movq	%rax, 96(%rsp)
	callq	*%rbp
	testq	%rax, %rax
	je	.LBB0_279
	movq	88(%rsp), %rdx
	movq	1296(%rsp), %rcx
	movq	%rdx, %rsi
	sarq	$63, %rsi
	movq	%rsi, 24(%rsp)
	andq	%rcx, %rsi
	addq	%rdx, %rsi
	movq	%rsi, %r8
	js	.LBB0_266
	cmpq	%rcx, %rsi
	jge	.LBB0_267
.LBB0_13:
	movq	40(%rsp), %rsi
	movq	%rsi, %rdx
	sarq	$63, %rdx
	andq	%rcx, %rdx
	addq	%rsi, %rdx
	movq	%rdx, %rsi
	js	.LBB0_268
	cmpq	%rcx, %rdx
	jge	.LBB0_269
.LBB0_15:
	cmpq	$0, 1304(%rsp)
	movq	688(%rsp), %rcx
	jle	.LBB0_270
.LBB0_16:
	xorl	%edi, %edi
.LBB0_17:
	movabsq	$-4294967296, %rbx
	movq	%r15, 64(%rsp)
	movq	%rcx, %r14
	testq	%rcx, %rcx
	js	.LBB0_271
	movq	680(%rsp), %r15
	cmpq	1304(%rsp), %rcx
	jge	.LBB0_272
.LBB0_19:
	movq	24(%rax), %r13
	movq	%rax, 704(%rsp)
	movq	%r8, %rax
	subq	%rsi, %rax
	jge	.LBB0_27
	subq	%rdi, %r14
	jle	.LBB0_27
	subq	%r8, %rsi
	shlq	$3, %r14
	movl	%esi, %ecx
	andl	$7, %ecx
	cmpq	$-8, %rax
	ja	.LBB0_265
	movq	%r8, %rax
	imulq	%r15, %rax
	addq	1288(%rsp), %rax
	movq	%r15, %r12
	andq	$-8, %rsi
	movabsq	$memset, %rbx
	movq	%rcx, 32(%rsp)
	movq	%r8, 8(%rsp)
	movq	%rdi, 48(%rsp)
	xorl	%ebp, %ebp
	movq	%rsi, (%rsp)
	leaq	(%rax,%rdi,8), %r15
	.p2align	4
.LBB0_23:
	movq	%r15, %rdi
	xorl	%esi, %esi
	movq	%r14, %rdx
	callq	*%rbx
	addq	%r12, %r15
	xorl	%esi, %esi
	movq	%r14, %rdx
	movq	%r15, %rdi
	callq	*%rbx
	addq	%r12, %r15
	xorl	%esi, %esi
	movq	%r14, %rdx
	movq	%r15, %rdi
	callq	*%rbx
	addq	%r12, %r15
	xorl	%esi, %esi
	movq	%r14, %rdx
	movq	%r15, %rdi
	callq	*%rbx
	addq	%r12, %r15
	xorl	%esi, %esi
	movq	%r14, %rdx
	movq	%r15, %rdi
	callq	*%rbx
	addq	%r12, %r15
	xorl	%esi, %esi
	movq	%r14, %rdx
	movq	%r15, %rdi
	callq	*%rbx
	addq	%r12, %r15
	xorl	%esi, %esi
	movq	%r14, %rdx
	movq	%r15, %rdi
	callq	*%rbx
	addq	%r12, %r15
	xorl	%esi, %esi
	movq	%r14, %rdx
	movq	%r15, %rdi
	callq	*%rbx
	movq	(%rsp), %rsi
	addq	$8, %rbp
	addq	%r12, %r15
	cmpq	%rbp, %rsi
	jne	.LBB0_23
	movq	32(%rsp), %rcx
	movq	8(%rsp), %r8
	movq	48(%rsp), %rdi
	movabsq	$-4294967296, %rbx
	movq	%r12, %r15
	testq	%rcx, %rcx
	je	.LBB0_27
.LBB0_25:
	shlq	$3, %r8
	shlq	$3, %rdi
	addq	1288(%rsp), %rdi
	leaq	(%r8,%rbp,8), %rax
	imulq	1304(%rsp), %rax
	addq	%rax, %rdi
.LBB0_26:
	movabsq	$memset, %rax
	xorl	%esi, %esi
	movq	%r14, %rdx
	movq	%rdi, %rbp
	movq	%rcx, %r12
	callq	*%rax
	movq	%rbp, %rdi
	movq	%r12, %rcx
	addq	%r15, %rdi
	decq	%rcx
	jne	.LBB0_26
.LBB0_27:
	cmpq	$0, 1136(%rsp)
	jle	.LBB0_7
	cmpq	$0, 200(%rsp)
	je	.LBB0_7
	movq	88(%rsp), %rax
	notq	%rax
	addq	1184(%rsp), %rax
	addq	40(%rsp), %rax
	testq	%rax, %rax
	jle	.LBB0_7
	movq	64(%rsp), %rbp
	movq	544(%rsp), %rcx
	cmpq	$0, 1184(%rsp)
	leaq	(%rbp,%rcx), %rcx
	movq	%rcx, 168(%rsp)
	movq	536(%rsp), %rcx
	leaq	(%rbp,%rcx), %rcx
	movq	%rcx, 160(%rsp)
	movq	552(%rsp), %rcx
	leaq	(%rbp,%rcx), %rcx
	movq	%rcx, 152(%rsp)
	movq	560(%rsp), %rcx
	leaq	(%rbp,%rcx,8), %rcx
	movq	%rcx, 176(%rsp)
	je	.LBB0_288
	movq	96(%rsp), %rdx
	movq	%rax, %rcx
	sarq	$63, %rcx
	leaq	4096(%r13), %rsi
	leaq	6144(%r13), %r11
	leaq	8192(%r13), %rdi
	andnq	%rax, %rcx, %rax
	movq	%rax, 640(%rsp)
	leaq	8192(%rdx), %rax
	movq	%rax, 632(%rsp)
	leaq	6144(%rdx), %rax
	movq	%rax, 624(%rsp)
	leaq	4096(%rdx), %rax
	movq	%rax, 616(%rsp)
	movq	512(%rsp), %rax
	leaq	8152(%rbp,%rax), %rax
	movq	%rax, 608(%rsp)
	movq	528(%rsp), %rax
	leaq	6112(%rbp,%rax), %rax
	movq	%rax, 600(%rsp)
	movq	504(%rsp), %rax
	leaq	4072(%rbp,%rax), %rax
	movq	%rax, 592(%rsp)
	movq	520(%rsp), %rax
	leaq	2032(%rbp,%rax), %rax
	movq	%rax, 584(%rsp)
	leaq	2048(%rdx), %rax
	movq	%rax, 576(%rsp)
	movq	208(%rsp), %rax
	leaq	-8(%rbp,%rax), %rax
	movq	%rax, 568(%rsp)
	leaq	96(%rbp), %rax
	movq	%rax, 808(%rsp)
	leaq	96(%rdx), %rax
	movq	%rax, 288(%rsp)
	leaq	56(%rdx), %rax
	movq	%rax, 368(%rsp)
	movq	496(%rsp), %rax
	leaq	(%rbp,%rax), %rax
	movq	%rax, 800(%rsp)
	leaq	2144(%rdx), %rax
	movq	%rax, 280(%rsp)
	leaq	2104(%rdx), %rax
	movq	%rax, 360(%rsp)
	movq	488(%rsp), %rax
	leaq	(%rbp,%rax), %rax
	movq	%rax, 792(%rsp)
	leaq	4192(%rdx), %rax
	movq	%rax, 272(%rsp)
	leaq	4152(%rdx), %rax
	movq	%rax, 352(%rsp)
	movq	480(%rsp), %rax
	leaq	(%rbp,%rax), %rax
	movq	%rax, 784(%rsp)
	leaq	6240(%rdx), %rax
	movq	%rax, 264(%rsp)
	leaq	6200(%rdx), %rax
	movq	%rax, 344(%rsp)
	movq	472(%rsp), %rax
	leaq	(%rbp,%rax), %rax
	movq	%rax, 776(%rsp)
	leaq	8288(%rdx), %rax
	movq	%rax, 256(%rsp)
	leaq	8248(%rdx), %rax
	movq	%rax, 336(%rsp)
	leaq	8(%rbp), %rax
	movq	%rax, 672(%rsp)
	movq	464(%rsp), %rax
	leaq	(%rbp,%rax), %rax
	movq	%rax, 768(%rsp)
	movq	456(%rsp), %rax
	addq	%rbp, %rax
	movq	%rax, 760(%rsp)
	movq	448(%rsp), %rax
	addq	%rbp, %rax
	movq	%rax, 752(%rsp)
	movq	440(%rsp), %rax
	addq	%rbp, %rax
	movq	%rax, 744(%rsp)
	xorl	%eax, %eax
.LBB0_32:
	movq	992(%rsp), %rcx
	movq	144(%rsp), %rdx
	movq	200(%rsp), %r8
	leaq	2048(%r13), %r14
	xorl	%r9d, %r9d
	addq	%rax, %rcx
	movq	%rcx, 824(%rsp)
	movq	1288(%rsp), %rcx
	leaq	(%rcx,%rax,8), %rcx
	movq	%rcx, 736(%rsp)
	movq	1080(%rsp), %rcx
	addq	%rax, %rcx
	incq	%rax
	movq	%rcx, 816(%rsp)
	movq	%rax, 392(%rsp)
	movq	%rdx, %rax
	xorl	%ecx, %ecx
.LBB0_33:
	movq	%r8, 192(%rsp)
	movq	1184(%rsp), %r8
	cmpq	$256, %rax
	movl	$256, %r12d
	movq	%rax, 432(%rsp)
	movq	%rcx, 424(%rsp)
	movl	$1, %r15d
	movq	%r9, 248(%rsp)
	cmovlq	%rax, %r12
	movq	%r12, %rax
	andq	$-16, %rax
	movq	%r12, %rbp
	andq	$-4, %rbp
	movq	%rax, 32(%rsp)
	movl	$1, %eax
	movq	%rbp, 40(%rsp)
	leaq	(%r8,%r12), %r10
	cmpq	$2, %r10
	cmovlq	%rax, %r10
	decq	%r10
	andq	$-2, %r10
	negq	%r10
	testq	%r8, %r8
	setle	%al
	shlq	$8, %rcx
	movq	%r10, 184(%rsp)
	movq	%rdx, %r10
	subq	%rcx, %r10
	movl	$256, %ecx
	cmpq	$256, %r10
	cmovgeq	%rcx, %r10
	leaq	(%r8,%r10), %rcx
	movq	%r10, (%rsp)
	cmpq	$2, %rcx
	movq	%rcx, 880(%rsp)
	cmovgeq	%rcx, %r15
	movq	568(%rsp), %rcx
	subq	%r9, %rdx
	decq	%r15
	cmpq	$256, %rdx
	movq	%rdx, 136(%rsp)
	movq	%r15, 696(%rsp)
	movq	%rdx, %r15
	leaq	(%rcx,%r10,8), %rcx
	movq	%rcx, 872(%rsp)
	movl	$256, %ecx
	cmovlq	%rdx, %rcx
	shrq	$55, %r15
	andl	$256, %r15d
	addq	%rcx, %r15
	addq	%r8, %rcx
	testq	%rdx, %rdx
	setle	%dl
	movq	%rcx, 888(%rsp)
	movq	%r10, %rcx
	movq	%r15, 312(%rsp)
	orb	%al, %dl
	cmpq	$256, %r15
	movl	$256, %eax
	cmovlq	%r15, %rax
	movb	%dl, 63(%rsp)
	movq	%r10, %rdx
	andq	$-16, %rdx
	andq	$-4, %rcx
	movq	%rdx, 8(%rsp)
	movq	584(%rsp), %rdx
	movq	%rcx, 48(%rsp)
	movq	592(%rsp), %rcx
	shlq	$3, %rax
	movq	%rax, 296(%rsp)
	leaq	(%rdx,%r10,8), %rax
	movq	600(%rsp), %rdx
	movq	%rax, 864(%rsp)
	leaq	(%rcx,%r10,8), %rax
	movq	608(%rsp), %rcx
	movq	%rax, 856(%rsp)
	leaq	(%rdx,%r10,8), %rax
	leaq	(%r13,%r10,8), %rdx
	movq	%rax, 848(%rsp)
	leaq	(%rcx,%r10,8), %rax
	leaq	(%r14,%r10,8), %rcx
	movq	%rdx, 832(%rsp)
	leaq	(%rsi,%r10,8), %rdx
	movq	%rcx, 928(%rsp)
	leaq	(%r11,%r10,8), %rcx
	movq	%rdx, 920(%rsp)
	leaq	(%rdi,%r10,8), %rdx
	movq	%rax, 840(%rsp)
	movq	%rcx, 912(%rsp)
	movq	192(%rsp), %rcx
	movq	%rdx, 904(%rsp)
	leaq	256(%r9), %rdx
	movq	88(%rsp), %r9
	movq	%rdx, 408(%rsp)
	movq	624(%rsp), %rdx
	leaq	-1(%rcx), %rax
	movq	632(%rsp), %rcx
	movq	%rax, 416(%rsp)
	leaq	(%rcx,%r10,8), %rax
	movq	616(%rsp), %rcx
	movq	%rax, 128(%rsp)
	leaq	(%rdx,%r10,8), %rax
	movq	576(%rsp), %rdx
	movq	%rax, 120(%rsp)
	leaq	(%rcx,%r10,8), %rax
	movq	96(%rsp), %rcx
	movq	%rax, 112(%rsp)
	leaq	(%rdx,%r10,8), %rax
	movq	%rax, 384(%rsp)
	leaq	(%rcx,%r10,8), %rax
	movq	1008(%rsp), %rcx
	movq	%rax, 376(%rsp)
	movq	640(%rsp), %rax
	jmp	.LBB0_37
.LBB0_34:
	movq	1296(%rsp), %rcx
	movq	104(%rsp), %r9
.LBB0_35:
	cmpq	$-1, 24(%rsp)
	movl	$0, %eax
	cmovlq	%rcx, %rax
	addq	80(%rsp), %rax
	movq	736(%rsp), %rcx
	imulq	1304(%rsp), %rax
	vaddsd	(%rcx,%rax,8), %xmm0, %xmm0
	vmovsd	%xmm0, (%rcx,%rax,8)
.LBB0_36:
	movq	896(%rsp), %rax
	movq	1008(%rsp), %rcx
	incq	%r9
	movabsq	$-4294967296, %rbx
	leaq	4096(%r13), %rsi
	leaq	8192(%r13), %rdi
	cmpq	$1, %rax
	leaq	-1(%rax), %rax
	jle	.LBB0_263
.LBB0_37:
	cmpq	$1, 888(%rsp)
	movq	%rax, 896(%rsp)
	movq	%r9, 104(%rsp)
	jle	.LBB0_45
	movq	%r9, %r10
	sarq	$63, %r10
	movq	%r10, %r15
	andq	1000(%rsp), %r15
	andq	1088(%rsp), %r10
	addq	%r9, %r15
	imulq	240(%rsp), %r15
	addq	%r9, %r10
	imulq	232(%rsp), %r10
	addq	824(%rsp), %r15
	addq	816(%rsp), %r10
	cmpq	$2, 880(%rsp)
	jne	.LBB0_40
	xorl	%edx, %edx
	jmp	.LBB0_44
	.p2align	4
.LBB0_40:
	movq	%r15, 24(%rsp)
	movq	248(%rsp), %rsi
	movq	672(%rsp), %rdi
	movq	16(%rsp), %r15
	movq	208(%rsp), %rax
	xorl	%edx, %edx
	movq	%r10, 80(%rsp)
	.p2align	4
.LBB0_41:
	movq	1008(%rsp), %r14
	movq	1016(%rsp), %rcx
	movq	%rsi, %r9
	sarq	$63, %r9
	movq	1096(%rsp), %rbx
	movq	1104(%rsp), %r11
	movq	80(%rsp), %rbp
	leaq	1(%rsi), %r8
	addq	$-2, %rdx
	movq	%r9, %r10
	sarq	$63, %r8
	andq	%r14, %r10
	andq	%rbx, %r9
	movq	%r8, %rbx
	andq	1096(%rsp), %r8
	andq	%r14, %rbx
	addq	%rsi, %r10
	addq	%rsi, %r9
	leaq	1(%rsi,%rbx), %rbx
	imulq	1016(%rsp), %rbx
	imulq	%rcx, %r10
	movq	24(%rsp), %rcx
	imulq	%r11, %r9
	movzbl	(%rbp,%r9), %r9d
	leaq	1(%rsi,%r8), %r8
	imulq	1104(%rsp), %r8
	addq	$2, %rsi
	movzbl	(%rcx,%r10), %r10d
	vcvtsi2sd	%r10d, %xmm15, %xmm0
	vcvtsi2sd	%r9d, %xmm15, %xmm1
	vmulsd	%xmm0, %xmm0, %xmm2
	leaq	-8(%rdi,%r15), %r9
	vmovsd	%xmm0, -8(%rdi)
	leaq	(%r9,%rax), %r10
	vmovsd	%xmm1, 2032(%rdi,%rax)
	vmovsd	%xmm2, 2040(%rax,%r9)
	vmulsd	%xmm1, %xmm1, %xmm2
	vmulsd	%xmm0, %xmm1, %xmm0
	leaq	(%r10,%r15), %r11
	vmovsd	%xmm2, 2040(%r15,%r10)
	vmovsd	%xmm0, 2040(%r15,%r11)
	movzbl	(%rcx,%rbx), %ebx
	movzbl	(%rbp,%r8), %r8d
	vcvtsi2sd	%ebx, %xmm15, %xmm0
	vcvtsi2sd	%r8d, %xmm15, %xmm1
	vmulsd	%xmm0, %xmm0, %xmm2
	vmovsd	%xmm0, (%rdi)
	vmovsd	%xmm1, 2040(%rdi,%rax)
	vmovsd	%xmm2, 2048(%rax,%r9)
	vmulsd	%xmm1, %xmm1, %xmm2
	vmulsd	%xmm0, %xmm1, %xmm0
	addq	$16, %rdi
	vmovsd	%xmm2, 2048(%r15,%r10)
	vmovsd	%xmm0, 2048(%r15,%r11)
	cmpq	%rdx, 184(%rsp)
	jne	.LBB0_41
	movq	24(%rsp), %r15
	movq	80(%rsp), %r10
	testb	$1, 696(%rsp)
	movq	104(%rsp), %r9
	movq	1008(%rsp), %rcx
	movq	40(%rsp), %rbp
	movabsq	$-4294967296, %rbx
	leaq	2048(%r13), %r14
	leaq	6144(%r13), %r11
	je	.LBB0_45
	negq	%rdx
.LBB0_44:
	movq	248(%rsp), %rax
	leaq	(%rdx,%rax), %rsi
	movq	%rsi, %rdi
	sarq	$63, %rdi
	movq	%rdi, %r8
	andq	%rcx, %r8
	andq	1096(%rsp), %rdi
	addq	%rsi, %r8
	imulq	1016(%rsp), %r8
	addq	%rsi, %rdi
	imulq	1104(%rsp), %rdi
	movq	176(%rsp), %rsi
	movzbl	(%r15,%r8), %ecx
	movzbl	(%r10,%rdi), %eax
	vcvtsi2sd	%ecx, %xmm15, %xmm0
	movq	64(%rsp), %rcx
	vmulsd	%xmm0, %xmm0, %xmm2
	vcvtsi2sd	%eax, %xmm15, %xmm1
	vmovsd	%xmm0, (%rcx,%rdx,8)
	movq	168(%rsp), %rcx
	vmovsd	%xmm1, (%rsi,%rdx,8)
	movq	160(%rsp), %rsi
	vmulsd	%xmm0, %xmm1, %xmm0
	vmovsd	%xmm2, (%rcx,%rdx,8)
	movq	152(%rsp), %rcx
	vmulsd	%xmm1, %xmm1, %xmm2
	vmovsd	%xmm2, (%rsi,%rdx,8)
	vmovsd	%xmm0, (%rcx,%rdx,8)
.LBB0_45:
	movq	1184(%rsp), %rsi
	cmpq	$-1, %rsi
	jne	.LBB0_47
	movabsq	$-9223372036854775808, %rax
	cmpq	%rax, %r9
	je	.LBB0_262
.LBB0_47:
	movq	%r9, %rax
	orq	%rsi, %rax
	testq	%rbx, %rax
	je	.LBB0_50
	shrq	$32, %rax
	je	.LBB0_50
	movq	%r9, %rax
	cqto
	idivq	%rsi
	jmp	.LBB0_51
	.p2align	4
.LBB0_50:
	movl	%r9d, %eax
	xorl	%edx, %edx
	divl	%esi
.LBB0_51:
	movq	%rdx, %rax
	xorq	%rsi, %rax
	sarq	$63, %rax
	andq	%rsi, %rax
	addq	%rdx, %rax
	movq	%rax, %rcx
	sarq	$63, %rcx
	andq	%rsi, %rcx
	addq	%rax, %rcx
	shlq	$11, %rcx
	leaq	(%rcx,%rcx,4), %rbx
	movq	96(%rsp), %rax
	cmpq	$0, 312(%rsp)
	leaq	(%rax,%rbx), %r15
	jle	.LBB0_53
.LBB0_52:
	movq	296(%rsp), %r14
	movabsq	$memset, %rax
	movq	%r15, %rdi
	xorl	%esi, %esi
	movq	%r14, %rdx
	vzeroupper
	callq	*%rax
	leaq	2048(%r15), %rdi
	movabsq	$memset, %rax
	xorl	%esi, %esi
	movq	%r14, %rdx
	callq	*%rax
	leaq	4096(%r15), %rdi
	movabsq	$memset, %rax
	xorl	%esi, %esi
	movq	%r14, %rdx
	callq	*%rax
	leaq	6144(%r15), %rdi
	movabsq	$memset, %rax
	xorl	%esi, %esi
	movq	%r14, %rdx
	callq	*%rax
	leaq	8192(%r15), %rdi
	movabsq	$memset, %rax
	xorl	%esi, %esi
	movq	%r14, %rdx
	callq	*%rax
	leaq	6144(%r13), %r11
	leaq	2048(%r13), %r14
.LBB0_53:
	vmovsd	328(%rsp), %xmm6
	vmovsd	320(%rsp), %xmm7
	vmovsd	304(%rsp), %xmm8
	cmpb	$0, 63(%rsp)
	vxorpd	%xmm9, %xmm9, %xmm9
	je	.LBB0_168
.LBB0_54:
	movq	104(%rsp), %r9
	movq	1184(%rsp), %rsi
	movabsq	$memset, %rbx
	movq	%r9, %rax
	subq	%rsi, %rax
	leaq	1(%rax), %rcx
	movq	%rax, 24(%rsp)
	movq	%rcx, 80(%rsp)
	cmpq	88(%rsp), %rcx
	jl	.LBB0_36
	cmpq	$0, 312(%rsp)
	jle	.LBB0_57
	movq	296(%rsp), %r15
	movq	%r13, %rdi
	xorl	%esi, %esi
	movq	%r15, %rdx
	vzeroupper
	callq	*%rbx
	movq	%r14, %rdi
	xorl	%esi, %esi
	movq	%r15, %rdx
	callq	*%rbx
	leaq	4096(%r13), %rdi
	xorl	%esi, %esi
	movq	%r15, %rdx
	callq	*%rbx
	leaq	6144(%r13), %rdi
	xorl	%esi, %esi
	movq	%r15, %rdx
	callq	*%rbx
	leaq	8192(%r13), %rdi
	xorl	%esi, %esi
	movq	%r15, %rdx
	callq	*%rbx
	vmovsd	304(%rsp), %xmm8
	vmovsd	320(%rsp), %xmm7
	vmovsd	328(%rsp), %xmm6
	movq	1184(%rsp), %rsi
	vxorpd	%xmm9, %xmm9, %xmm9
.LBB0_57:
	movq	96(%rsp), %rbx
	movq	(%rsp), %r10
	movq	832(%rsp), %r15
	leaq	4096(%r13), %r9
	leaq	6144(%r13), %r11
	testq	%rsi, %rsi
	jle	.LBB0_186
	xorl	%ecx, %ecx
	jmp	.LBB0_60
	.p2align	4
.LBB0_59:
	movq	1184(%rsp), %rsi
	incq	%rcx
	cmpq	%rcx, %rsi
	je	.LBB0_186
.LBB0_60:
	movq	1176(%rsp), %rdx
	movq	24(%rsp), %rax
	vmovsd	(%rdx,%rcx,8), %xmm0
	incq	%rax
	addq	%rcx, %rax
	cmpq	$-1, %rsi
	jne	.LBB0_62
	movabsq	$-9223372036854775808, %rdx
	cmpq	%rdx, %rax
	je	.LBB0_167
.LBB0_62:
	movq	%rax, %rdx
	orq	%rsi, %rdx
	movabsq	$-4294967296, %rdi
	testq	%rdi, %rdx
	je	.LBB0_65
	shrq	$32, %rdx
	je	.LBB0_65
	cqto
	idivq	%rsi
	jmp	.LBB0_66
	.p2align	4
.LBB0_65:
	xorl	%edx, %edx
	divl	%esi
.LBB0_66:
	movq	%rdx, %rax
	xorq	%rsi, %rax
	sarq	$63, %rax
	andq	%rsi, %rax
	addq	%rdx, %rax
	movq	%rax, %rdx
	sarq	$63, %rdx
	andq	%rsi, %rdx
	addq	%rax, %rdx
	shlq	$8, %rdx
	leaq	(%rdx,%rdx,4), %rax
	cmpq	$0, 136(%rsp)
	jle	.LBB0_59
.LBB0_67:
	leaq	(%rbx,%rax,8), %rdx
	cmpq	$4, %r10
	jb	.LBB0_68
	movq	376(%rsp), %rsi
	leaq	(%rsi,%rax,8), %rsi
	cmpq	%rsi, %r13
	jae	.LBB0_72
	cmpq	%r15, %rdx
	jae	.LBB0_72
.LBB0_68:
	xorl	%edi, %edi
.LBB0_81:
	movl	%r10d, %r8d
	subl	%edi, %r8d
	movq	%rdi, %rsi
	testb	$7, %r8b
	je	.LBB0_84
	movl	%r12d, %esi
	subb	%dil, %sil
	movzbl	%sil, %r8d
	movq	%rdi, %rsi
	andl	$7, %r8d
	shll	$3, %r8d
	negq	%r8
	.p2align	4
.LBB0_83:
	vmovsd	(%rdx,%rsi,8), %xmm1
	addq	$8, %r8
	vfmadd213sd	(%r13,%rsi,8), %xmm0, %xmm1
	vmovsd	%xmm1, (%r13,%rsi,8)
	leaq	1(%rsi), %rsi
	jne	.LBB0_83
.LBB0_84:
	subq	%r10, %rdi
	cmpq	$-8, %rdi
	ja	.LBB0_87
	movq	368(%rsp), %rdi
	leaq	(%rdi,%rax,8), %rdi
	.p2align	4
.LBB0_86:
	vmovsd	-56(%rdi,%rsi,8), %xmm1
	vfmadd213sd	(%r13,%rsi,8), %xmm0, %xmm1
	vmovsd	%xmm1, (%r13,%rsi,8)
	vmovsd	-48(%rdi,%rsi,8), %xmm1
	vfmadd213sd	8(%r13,%rsi,8), %xmm0, %xmm1
	vmovsd	%xmm1, 8(%r13,%rsi,8)
	vmovsd	-40(%rdi,%rsi,8), %xmm1
	vfmadd213sd	16(%r13,%rsi,8), %xmm0, %xmm1
	vmovsd	%xmm1, 16(%r13,%rsi,8)
	vmovsd	-32(%rdi,%rsi,8), %xmm1
	vfmadd213sd	24(%r13,%rsi,8), %xmm0, %xmm1
	vmovsd	%xmm1, 24(%r13,%rsi,8)
	vmovsd	-24(%rdi,%rsi,8), %xmm1
	vfmadd213sd	32(%r13,%rsi,8), %xmm0, %xmm1
	vmovsd	%xmm1, 32(%r13,%rsi,8)
	vmovsd	-16(%rdi,%rsi,8), %xmm1
	vfmadd213sd	40(%r13,%rsi,8), %xmm0, %xmm1
	vmovsd	%xmm1, 40(%r13,%rsi,8)
	vmovsd	-8(%rdi,%rsi,8), %xmm1
	vfmadd213sd	48(%r13,%rsi,8), %xmm0, %xmm1
	vmovsd	%xmm1, 48(%r13,%rsi,8)
	vmovsd	(%rdi,%rsi,8), %xmm1
	vfmadd213sd	56(%r13,%rsi,8), %xmm0, %xmm1
	vmovsd	%xmm1, 56(%r13,%rsi,8)
	addq	$8, %rsi
	cmpq	%rsi, %r12
	jne	.LBB0_86
.LBB0_87:
	leaq	2048(%rdx), %rsi
	cmpq	$4, %r10
	jb	.LBB0_88
	movq	384(%rsp), %rdi
	leaq	(%rdi,%rax,8), %rdi
	cmpq	%rdi, %r14
	jae	.LBB0_92
	cmpq	928(%rsp), %rsi
	jae	.LBB0_92
.LBB0_88:
	xorl	%r8d, %r8d
.LBB0_101:
	movl	%r10d, %r9d
	subl	%r8d, %r9d
	movq	%r8, %rdi
	testb	$7, %r9b
	je	.LBB0_104
	movl	%r12d, %edi
	subb	%r8b, %dil
	movzbl	%dil, %r9d
	movq	%r8, %rdi
	andl	$7, %r9d
	shll	$3, %r9d
	negq	%r9
	.p2align	4
.LBB0_103:
	vmovsd	(%rsi,%rdi,8), %xmm1
	addq	$8, %r9
	vfmadd213sd	(%r14,%rdi,8), %xmm0, %xmm1
	vmovsd	%xmm1, (%r14,%rdi,8)
	leaq	1(%rdi), %rdi
	jne	.LBB0_103
.LBB0_104:
	subq	%r10, %r8
	leaq	4096(%r13), %r9
	cmpq	$-8, %r8
	ja	.LBB0_107
	movq	360(%rsp), %rsi
	leaq	(%rsi,%rax,8), %rsi
	.p2align	4
.LBB0_106:
	vmovsd	-56(%rsi,%rdi,8), %xmm1
	vfmadd213sd	2048(%r13,%rdi,8), %xmm0, %xmm1
	vmovsd	%xmm1, 2048(%r13,%rdi,8)
	vmovsd	-48(%rsi,%rdi,8), %xmm1
	vfmadd213sd	2056(%r13,%rdi,8), %xmm0, %xmm1
	vmovsd	%xmm1, 2056(%r13,%rdi,8)
	vmovsd	-40(%rsi,%rdi,8), %xmm1
	vfmadd213sd	2064(%r13,%rdi,8), %xmm0, %xmm1
	vmovsd	%xmm1, 2064(%r13,%rdi,8)
	vmovsd	-32(%rsi,%rdi,8), %xmm1
	vfmadd213sd	2072(%r13,%rdi,8), %xmm0, %xmm1
	vmovsd	%xmm1, 2072(%r13,%rdi,8)
	vmovsd	-24(%rsi,%rdi,8), %xmm1
	vfmadd213sd	2080(%r13,%rdi,8), %xmm0, %xmm1
	vmovsd	%xmm1, 2080(%r13,%rdi,8)
	vmovsd	-16(%rsi,%rdi,8), %xmm1
	vfmadd213sd	2088(%r13,%rdi,8), %xmm0, %xmm1
	vmovsd	%xmm1, 2088(%r13,%rdi,8)
	vmovsd	-8(%rsi,%rdi,8), %xmm1
	vfmadd213sd	2096(%r13,%rdi,8), %xmm0, %xmm1
	vmovsd	%xmm1, 2096(%r13,%rdi,8)
	vmovsd	(%rsi,%rdi,8), %xmm1
	vfmadd213sd	2104(%r13,%rdi,8), %xmm0, %xmm1
	vmovsd	%xmm1, 2104(%r13,%rdi,8)
	addq	$8, %rdi
	cmpq	%rdi, %r12
	jne	.LBB0_106
.LBB0_107:
	leaq	4096(%rdx), %rsi
	cmpq	$4, %r10
	jb	.LBB0_108
	movq	112(%rsp), %rdi
	leaq	(%rdi,%rax,8), %rdi
	cmpq	%rdi, %r9
	jae	.LBB0_112
	cmpq	920(%rsp), %rsi
	jae	.LBB0_112
.LBB0_108:
	xorl	%r8d, %r8d
.LBB0_121:
	movq	%r9, %r11
	movl	%r10d, %r9d
	subl	%r8d, %r9d
	movq	%r8, %rdi
	testb	$7, %r9b
	je	.LBB0_124
	movl	%r12d, %edi
	subb	%r8b, %dil
	movzbl	%dil, %r9d
	movq	%r8, %rdi
	andl	$7, %r9d
	shll	$3, %r9d
	negq	%r9
	.p2align	4
.LBB0_123:
	vmovsd	(%rsi,%rdi,8), %xmm1
	addq	$8, %r9
	vfmadd213sd	(%r11,%rdi,8), %xmm0, %xmm1
	vmovsd	%xmm1, (%r11,%rdi,8)
	leaq	1(%rdi), %rdi
	jne	.LBB0_123
.LBB0_124:
	movq	%r11, %r9
	subq	%r10, %r8
	leaq	6144(%r13), %r11
	cmpq	$-8, %r8
	ja	.LBB0_127
	movq	352(%rsp), %rsi
	leaq	(%rsi,%rax,8), %rsi
	.p2align	4
.LBB0_126:
	vmovsd	-56(%rsi,%rdi,8), %xmm1
	vfmadd213sd	4096(%r13,%rdi,8), %xmm0, %xmm1
	vmovsd	%xmm1, 4096(%r13,%rdi,8)
	vmovsd	-48(%rsi,%rdi,8), %xmm1
	vfmadd213sd	4104(%r13,%rdi,8), %xmm0, %xmm1
	vmovsd	%xmm1, 4104(%r13,%rdi,8)
	vmovsd	-40(%rsi,%rdi,8), %xmm1
	vfmadd213sd	4112(%r13,%rdi,8), %xmm0, %xmm1
	vmovsd	%xmm1, 4112(%r13,%rdi,8)
	vmovsd	-32(%rsi,%rdi,8), %xmm1
	vfmadd213sd	4120(%r13,%rdi,8), %xmm0, %xmm1
	vmovsd	%xmm1, 4120(%r13,%rdi,8)
	vmovsd	-24(%rsi,%rdi,8), %xmm1
	vfmadd213sd	4128(%r13,%rdi,8), %xmm0, %xmm1
	vmovsd	%xmm1, 4128(%r13,%rdi,8)
	vmovsd	-16(%rsi,%rdi,8), %xmm1
	vfmadd213sd	4136(%r13,%rdi,8), %xmm0, %xmm1
	vmovsd	%xmm1, 4136(%r13,%rdi,8)
	vmovsd	-8(%rsi,%rdi,8), %xmm1
	vfmadd213sd	4144(%r13,%rdi,8), %xmm0, %xmm1
	vmovsd	%xmm1, 4144(%r13,%rdi,8)
	vmovsd	(%rsi,%rdi,8), %xmm1
	vfmadd213sd	4152(%r13,%rdi,8), %xmm0, %xmm1
	vmovsd	%xmm1, 4152(%r13,%rdi,8)
	addq	$8, %rdi
	cmpq	%rdi, %r12
	jne	.LBB0_126
.LBB0_127:
	leaq	6144(%rdx), %rsi
	cmpq	$4, %r10
	jb	.LBB0_128
	movq	120(%rsp), %rdi
	leaq	(%rdi,%rax,8), %rdi
	cmpq	%rdi, %r11
	jae	.LBB0_132
	cmpq	912(%rsp), %rsi
	jae	.LBB0_132
.LBB0_128:
	xorl	%r8d, %r8d
.LBB0_141:
	movl	%r10d, %r9d
	subl	%r8d, %r9d
	movq	%r8, %rdi
	testb	$7, %r9b
	je	.LBB0_144
	movl	%r12d, %edi
	subb	%r8b, %dil
	movzbl	%dil, %r9d
	movq	%r8, %rdi
	andl	$7, %r9d
	shll	$3, %r9d
	negq	%r9
	.p2align	4
.LBB0_143:
	vmovsd	(%rsi,%rdi,8), %xmm1
	addq	$8, %r9
	vfmadd213sd	(%r11,%rdi,8), %xmm0, %xmm1
	vmovsd	%xmm1, (%r11,%rdi,8)
	leaq	1(%rdi), %rdi
	jne	.LBB0_143
.LBB0_144:
	subq	%r10, %r8
	leaq	4096(%r13), %r9
	cmpq	$-8, %r8
	ja	.LBB0_147
	movq	344(%rsp), %rsi
	leaq	(%rsi,%rax,8), %rsi
	.p2align	4
.LBB0_146:
	vmovsd	-56(%rsi,%rdi,8), %xmm1
	vfmadd213sd	6144(%r13,%rdi,8), %xmm0, %xmm1
	vmovsd	%xmm1, 6144(%r13,%rdi,8)
	vmovsd	-48(%rsi,%rdi,8), %xmm1
	vfmadd213sd	6152(%r13,%rdi,8), %xmm0, %xmm1
	vmovsd	%xmm1, 6152(%r13,%rdi,8)
	vmovsd	-40(%rsi,%rdi,8), %xmm1
	vfmadd213sd	6160(%r13,%rdi,8), %xmm0, %xmm1
	vmovsd	%xmm1, 6160(%r13,%rdi,8)
	vmovsd	-32(%rsi,%rdi,8), %xmm1
	vfmadd213sd	6168(%r13,%rdi,8), %xmm0, %xmm1
	vmovsd	%xmm1, 6168(%r13,%rdi,8)
	vmovsd	-24(%rsi,%rdi,8), %xmm1
	vfmadd213sd	6176(%r13,%rdi,8), %xmm0, %xmm1
	vmovsd	%xmm1, 6176(%r13,%rdi,8)
	vmovsd	-16(%rsi,%rdi,8), %xmm1
	vfmadd213sd	6184(%r13,%rdi,8), %xmm0, %xmm1
	vmovsd	%xmm1, 6184(%r13,%rdi,8)
	vmovsd	-8(%rsi,%rdi,8), %xmm1
	vfmadd213sd	6192(%r13,%rdi,8), %xmm0, %xmm1
	vmovsd	%xmm1, 6192(%r13,%rdi,8)
	vmovsd	(%rsi,%rdi,8), %xmm1
	vfmadd213sd	6200(%r13,%rdi,8), %xmm0, %xmm1
	vmovsd	%xmm1, 6200(%r13,%rdi,8)
	addq	$8, %rdi
	cmpq	%rdi, %r12
	jne	.LBB0_146
.LBB0_147:
	addq	$8192, %rdx
	cmpq	$4, %r10
	jb	.LBB0_148
	movq	128(%rsp), %rsi
	leaq	8192(%r13), %rdi
	leaq	(%rsi,%rax,8), %rsi
	cmpq	%rsi, %rdi
	jae	.LBB0_152
	cmpq	904(%rsp), %rdx
	jae	.LBB0_152
.LBB0_148:
	xorl	%edi, %edi
.LBB0_161:
	movl	%r10d, %r8d
	subl	%edi, %r8d
	leaq	8192(%r13), %r10
	movq	%rdi, %rsi
	testb	$7, %r8b
	je	.LBB0_164
	movl	%r12d, %esi
	subb	%dil, %sil
	movzbl	%sil, %r8d
	movq	%rdi, %rsi
	andl	$7, %r8d
	shll	$3, %r8d
	negq	%r8
	.p2align	4
.LBB0_163:
	vmovsd	(%rdx,%rsi,8), %xmm1
	addq	$8, %r8
	vfmadd213sd	(%r10,%rsi,8), %xmm0, %xmm1
	vmovsd	%xmm1, (%r10,%rsi,8)
	leaq	1(%rsi), %rsi
	jne	.LBB0_163
.LBB0_164:
	movq	(%rsp), %r10
	subq	%r10, %rdi
	cmpq	$-8, %rdi
	ja	.LBB0_59
	movq	336(%rsp), %rdx
	leaq	(%rdx,%rax,8), %rax
	.p2align	4
.LBB0_166:
	vmovsd	-56(%rax,%rsi,8), %xmm1
	vfmadd213sd	8192(%r13,%rsi,8), %xmm0, %xmm1
	vmovsd	%xmm1, 8192(%r13,%rsi,8)
	vmovsd	-48(%rax,%rsi,8), %xmm1
	vfmadd213sd	8200(%r13,%rsi,8), %xmm0, %xmm1
	vmovsd	%xmm1, 8200(%r13,%rsi,8)
	vmovsd	-40(%rax,%rsi,8), %xmm1
	vfmadd213sd	8208(%r13,%rsi,8), %xmm0, %xmm1
	vmovsd	%xmm1, 8208(%r13,%rsi,8)
	vmovsd	-32(%rax,%rsi,8), %xmm1
	vfmadd213sd	8216(%r13,%rsi,8), %xmm0, %xmm1
	vmovsd	%xmm1, 8216(%r13,%rsi,8)
	vmovsd	-24(%rax,%rsi,8), %xmm1
	vfmadd213sd	8224(%r13,%rsi,8), %xmm0, %xmm1
	vmovsd	%xmm1, 8224(%r13,%rsi,8)
	vmovsd	-16(%rax,%rsi,8), %xmm1
	vfmadd213sd	8232(%r13,%rsi,8), %xmm0, %xmm1
	vmovsd	%xmm1, 8232(%r13,%rsi,8)
	vmovsd	-8(%rax,%rsi,8), %xmm1
	vfmadd213sd	8240(%r13,%rsi,8), %xmm0, %xmm1
	vmovsd	%xmm1, 8240(%r13,%rsi,8)
	vmovsd	(%rax,%rsi,8), %xmm1
	vfmadd213sd	8248(%r13,%rsi,8), %xmm0, %xmm1
	vmovsd	%xmm1, 8248(%r13,%rsi,8)
	addq	$8, %rsi
	cmpq	%rsi, %r12
	jne	.LBB0_166
	jmp	.LBB0_59
.LBB0_72:
	cmpq	$16, %r10
	jae	.LBB0_74
	xorl	%esi, %esi
	jmp	.LBB0_78
.LBB0_92:
	cmpq	$16, %r10
	jae	.LBB0_94
	xorl	%edi, %edi
	jmp	.LBB0_98
.LBB0_112:
	cmpq	$16, %r10
	jae	.LBB0_114
	xorl	%edi, %edi
	jmp	.LBB0_118
.LBB0_132:
	cmpq	$16, %r10
	jae	.LBB0_134
	xorl	%edi, %edi
	jmp	.LBB0_138
.LBB0_152:
	cmpq	$16, %r10
	jae	.LBB0_154
	xorl	%esi, %esi
	jmp	.LBB0_158
.LBB0_74:
	movq	288(%rsp), %rsi
	movq	32(%rsp), %r8
	vbroadcastsd	%xmm0, %ymm1
	xorl	%edi, %edi
	leaq	(%rsi,%rax,8), %rsi
	.p2align	4
.LBB0_75:
	vmovupd	-96(%rsi,%rdi,8), %ymm2
	vmovupd	-64(%rsi,%rdi,8), %ymm3
	vmovupd	-32(%rsi,%rdi,8), %ymm4
	vmovupd	(%rsi,%rdi,8), %ymm5
	vfmadd213pd	(%r13,%rdi,8), %ymm1, %ymm2
	vfmadd213pd	32(%r13,%rdi,8), %ymm1, %ymm3
	vfmadd213pd	64(%r13,%rdi,8), %ymm1, %ymm4
	vfmadd213pd	96(%r13,%rdi,8), %ymm1, %ymm5
	vmovupd	%ymm2, (%r13,%rdi,8)
	vmovupd	%ymm3, 32(%r13,%rdi,8)
	vmovupd	%ymm4, 64(%r13,%rdi,8)
	vmovupd	%ymm5, 96(%r13,%rdi,8)
	addq	$16, %rdi
	cmpq	%rdi, %r8
	jne	.LBB0_75
	cmpq	8(%rsp), %r10
	je	.LBB0_87
	movq	8(%rsp), %rdi
	movq	%rdi, %rsi
	testb	$12, %r10b
	je	.LBB0_81
.LBB0_78:
	vbroadcastsd	%xmm0, %ymm1
	.p2align	4
.LBB0_79:
	vmovupd	(%rdx,%rsi,8), %ymm2
	vfmadd213pd	(%r13,%rsi,8), %ymm1, %ymm2
	vmovupd	%ymm2, (%r13,%rsi,8)
	addq	$4, %rsi
	cmpq	%rsi, %rbp
	jne	.LBB0_79
	movq	48(%rsp), %rsi
	movq	%rsi, %rdi
	cmpq	%rsi, %r10
	je	.LBB0_87
	jmp	.LBB0_81
.LBB0_94:
	movq	280(%rsp), %rdi
	movq	32(%rsp), %r10
	vbroadcastsd	%xmm0, %ymm1
	xorl	%r8d, %r8d
	leaq	(%rdi,%rax,8), %rdi
	.p2align	4
.LBB0_95:
	vmovupd	-96(%rdi,%r8,8), %ymm2
	vmovupd	-64(%rdi,%r8,8), %ymm3
	vmovupd	-32(%rdi,%r8,8), %ymm4
	vmovupd	(%rdi,%r8,8), %ymm5
	vfmadd213pd	2048(%r13,%r8,8), %ymm1, %ymm2
	vfmadd213pd	2080(%r13,%r8,8), %ymm1, %ymm3
	vfmadd213pd	2112(%r13,%r8,8), %ymm1, %ymm4
	vfmadd213pd	2144(%r13,%r8,8), %ymm1, %ymm5
	vmovupd	%ymm2, 2048(%r13,%r8,8)
	vmovupd	%ymm3, 2080(%r13,%r8,8)
	vmovupd	%ymm4, 2112(%r13,%r8,8)
	vmovupd	%ymm5, 2144(%r13,%r8,8)
	addq	$16, %r8
	cmpq	%r8, %r10
	jne	.LBB0_95
	movq	(%rsp), %r10
	cmpq	8(%rsp), %r10
	je	.LBB0_107
	movq	8(%rsp), %r8
	movq	%r8, %rdi
	testb	$12, %r10b
	je	.LBB0_101
.LBB0_98:
	vbroadcastsd	%xmm0, %ymm1
	.p2align	4
.LBB0_99:
	vmovupd	(%rsi,%rdi,8), %ymm2
	vfmadd213pd	(%r14,%rdi,8), %ymm1, %ymm2
	vmovupd	%ymm2, (%r14,%rdi,8)
	addq	$4, %rdi
	cmpq	%rdi, %rbp
	jne	.LBB0_99
	movq	48(%rsp), %rdi
	movq	%rdi, %r8
	cmpq	%rdi, %r10
	je	.LBB0_107
	jmp	.LBB0_101
.LBB0_114:
	movq	272(%rsp), %rdi
	movq	32(%rsp), %r10
	vbroadcastsd	%xmm0, %ymm1
	xorl	%r8d, %r8d
	leaq	(%rdi,%rax,8), %rdi
	.p2align	4
.LBB0_115:
	vmovupd	-96(%rdi,%r8,8), %ymm2
	vmovupd	-64(%rdi,%r8,8), %ymm3
	vmovupd	-32(%rdi,%r8,8), %ymm4
	vmovupd	(%rdi,%r8,8), %ymm5
	vfmadd213pd	4096(%r13,%r8,8), %ymm1, %ymm2
	vfmadd213pd	4128(%r13,%r8,8), %ymm1, %ymm3
	vfmadd213pd	4160(%r13,%r8,8), %ymm1, %ymm4
	vfmadd213pd	4192(%r13,%r8,8), %ymm1, %ymm5
	vmovupd	%ymm2, 4096(%r13,%r8,8)
	vmovupd	%ymm3, 4128(%r13,%r8,8)
	vmovupd	%ymm4, 4160(%r13,%r8,8)
	vmovupd	%ymm5, 4192(%r13,%r8,8)
	addq	$16, %r8
	cmpq	%r8, %r10
	jne	.LBB0_115
	movq	(%rsp), %r10
	cmpq	8(%rsp), %r10
	je	.LBB0_127
	movq	8(%rsp), %r8
	movq	%r8, %rdi
	testb	$12, %r10b
	je	.LBB0_121
.LBB0_118:
	vbroadcastsd	%xmm0, %ymm1
	.p2align	4
.LBB0_119:
	vmovupd	(%rsi,%rdi,8), %ymm2
	vfmadd213pd	(%r9,%rdi,8), %ymm1, %ymm2
	vmovupd	%ymm2, (%r9,%rdi,8)
	addq	$4, %rdi
	cmpq	%rdi, %rbp
	jne	.LBB0_119
	movq	48(%rsp), %rdi
	movq	%rdi, %r8
	cmpq	%rdi, %r10
	je	.LBB0_127
	jmp	.LBB0_121
.LBB0_134:
	movq	264(%rsp), %rdi
	movq	32(%rsp), %r10
	vbroadcastsd	%xmm0, %ymm1
	xorl	%r8d, %r8d
	leaq	(%rdi,%rax,8), %rdi
	.p2align	4
.LBB0_135:
	vmovupd	-96(%rdi,%r8,8), %ymm2
	vmovupd	-64(%rdi,%r8,8), %ymm3
	vmovupd	-32(%rdi,%r8,8), %ymm4
	vmovupd	(%rdi,%r8,8), %ymm5
	vfmadd213pd	6144(%r13,%r8,8), %ymm1, %ymm2
	vfmadd213pd	6176(%r13,%r8,8), %ymm1, %ymm3
	vfmadd213pd	6208(%r13,%r8,8), %ymm1, %ymm4
	vfmadd213pd	6240(%r13,%r8,8), %ymm1, %ymm5
	vmovupd	%ymm2, 6144(%r13,%r8,8)
	vmovupd	%ymm3, 6176(%r13,%r8,8)
	vmovupd	%ymm4, 6208(%r13,%r8,8)
	vmovupd	%ymm5, 6240(%r13,%r8,8)
	addq	$16, %r8
	cmpq	%r8, %r10
	jne	.LBB0_135
	movq	(%rsp), %r10
	cmpq	8(%rsp), %r10
	je	.LBB0_147
	movq	8(%rsp), %r8
	movq	%r8, %rdi
	testb	$12, %r10b
	je	.LBB0_141
.LBB0_138:
	vbroadcastsd	%xmm0, %ymm1
	.p2align	4
.LBB0_139:
	vmovupd	(%rsi,%rdi,8), %ymm2
	vfmadd213pd	(%r11,%rdi,8), %ymm1, %ymm2
	vmovupd	%ymm2, (%r11,%rdi,8)
	addq	$4, %rdi
	cmpq	%rdi, %rbp
	jne	.LBB0_139
	movq	48(%rsp), %rdi
	movq	%rdi, %r8
	cmpq	%rdi, %r10
	je	.LBB0_147
	jmp	.LBB0_141
.LBB0_154:
	movq	256(%rsp), %rsi
	movq	32(%rsp), %r8
	vbroadcastsd	%xmm0, %ymm1
	xorl	%edi, %edi
	leaq	(%rsi,%rax,8), %rsi
	.p2align	4
.LBB0_155:
	vmovupd	-96(%rsi,%rdi,8), %ymm2
	vmovupd	-64(%rsi,%rdi,8), %ymm3
	vmovupd	-32(%rsi,%rdi,8), %ymm4
	vmovupd	(%rsi,%rdi,8), %ymm5
	vfmadd213pd	8192(%r13,%rdi,8), %ymm1, %ymm2
	vfmadd213pd	8224(%r13,%rdi,8), %ymm1, %ymm3
	vfmadd213pd	8256(%r13,%rdi,8), %ymm1, %ymm4
	vfmadd213pd	8288(%r13,%rdi,8), %ymm1, %ymm5
	vmovupd	%ymm2, 8192(%r13,%rdi,8)
	vmovupd	%ymm3, 8224(%r13,%rdi,8)
	vmovupd	%ymm4, 8256(%r13,%rdi,8)
	vmovupd	%ymm5, 8288(%r13,%rdi,8)
	addq	$16, %rdi
	cmpq	%rdi, %r8
	jne	.LBB0_155
	cmpq	8(%rsp), %r10
	je	.LBB0_59
	movq	8(%rsp), %rdi
	movq	%rdi, %rsi
	testb	$12, %r10b
	je	.LBB0_161
.LBB0_158:
	vbroadcastsd	%xmm0, %ymm1
	leaq	8192(%r13), %rdi
	.p2align	4
.LBB0_159:
	vmovupd	(%rdx,%rsi,8), %ymm2
	vfmadd213pd	(%rdi,%rsi,8), %ymm1, %ymm2
	vmovupd	%ymm2, (%rdi,%rsi,8)
	addq	$4, %rsi
	cmpq	%rsi, %rbp
	jne	.LBB0_159
	movq	48(%rsp), %rsi
	movq	%rsi, %rdi
	cmpq	%rsi, %r10
	je	.LBB0_59
	jmp	.LBB0_161
.LBB0_167:
	xorl	%eax, %eax
	cmpq	$0, 136(%rsp)
	jg	.LBB0_67
	jmp	.LBB0_59
	.p2align	4
.LBB0_168:
	movq	376(%rsp), %rax
	cmpq	872(%rsp), %r15
	movq	64(%rsp), %rsi
	movq	368(%rsp), %rdx
	movq	808(%rsp), %rdi
	movq	32(%rsp), %r11
	leaq	(%rax,%rbx), %rax
	setb	%cl
	addq	%rbx, %rdx
	cmpq	%rax, %rsi
	setb	%al
	xorl	%r8d, %r8d
	andb	%cl, %al
	movb	%al, 24(%rsp)
	movq	288(%rsp), %rax
	leaq	(%rax,%rbx), %rcx
	jmp	.LBB0_170
	.p2align	4
.LBB0_169:
	incq	%r8
	addq	$8, %rdi
	addq	$8, %rsi
	cmpq	%r8, 1184(%rsp)
	je	.LBB0_190
.LBB0_170:
	movq	1176(%rsp), %rax
	movq	(%rsp), %r10
	vmovsd	(%rax,%r8,8), %xmm0
	cmpq	$4, %r10
	setb	%r9b
	orb	24(%rsp), %r9b
	testb	$1, %r9b
	je	.LBB0_172
	xorl	%r10d, %r10d
	jmp	.LBB0_181
	.p2align	4
.LBB0_172:
	cmpq	$16, %r10
	jae	.LBB0_174
	xorl	%r9d, %r9d
	jmp	.LBB0_178
	.p2align	4
.LBB0_174:
	vbroadcastsd	%xmm0, %ymm1
	xorl	%r9d, %r9d
	.p2align	4
.LBB0_175:
	vmovupd	-96(%rdi,%r9,8), %ymm2
	vmovupd	-64(%rdi,%r9,8), %ymm3
	vmovupd	-32(%rdi,%r9,8), %ymm4
	vmovupd	(%rdi,%r9,8), %ymm5
	vfmadd213pd	-96(%rcx,%r9,8), %ymm1, %ymm2
	vfmadd213pd	-64(%rcx,%r9,8), %ymm1, %ymm3
	vfmadd213pd	-32(%rcx,%r9,8), %ymm1, %ymm4
	vfmadd213pd	(%rcx,%r9,8), %ymm1, %ymm5
	vmovupd	%ymm2, -96(%rcx,%r9,8)
	vmovupd	%ymm3, -64(%rcx,%r9,8)
	vmovupd	%ymm4, -32(%rcx,%r9,8)
	vmovupd	%ymm5, (%rcx,%r9,8)
	addq	$16, %r9
	cmpq	%r9, %r11
	jne	.LBB0_175
	cmpq	8(%rsp), %r10
	je	.LBB0_169
	movq	8(%rsp), %r10
	testb	$12, (%rsp)
	movq	%r10, %r9
	je	.LBB0_181
.LBB0_178:
	vbroadcastsd	%xmm0, %ymm1
	.p2align	4
.LBB0_179:
	vmovupd	(%rsi,%r9,8), %ymm2
	vfmadd213pd	(%r15,%r9,8), %ymm1, %ymm2
	vmovupd	%ymm2, (%r15,%r9,8)
	addq	$4, %r9
	cmpq	%r9, %rbp
	jne	.LBB0_179
	movq	48(%rsp), %r9
	movq	%r9, %r10
	cmpq	%r9, (%rsp)
	je	.LBB0_169
.LBB0_181:
	movq	(%rsp), %r9
	movl	%r9d, %r11d
	subl	%r10d, %r11d
	movq	%r10, %r9
	testb	$7, %r11b
	je	.LBB0_184
	movl	%r12d, %r9d
	subb	%r10b, %r9b
	movzbl	%r9b, %r11d
	movq	%r10, %r9
	andl	$7, %r11d
	shll	$3, %r11d
	negq	%r11
	.p2align	4
.LBB0_183:
	vmovsd	(%rsi,%r9,8), %xmm1
	addq	$8, %r11
	vfmadd213sd	(%r15,%r9,8), %xmm0, %xmm1
	vmovsd	%xmm1, (%r15,%r9,8)
	leaq	1(%r9), %r9
	jne	.LBB0_183
.LBB0_184:
	subq	(%rsp), %r10
	movq	32(%rsp), %r11
	cmpq	$-8, %r10
	ja	.LBB0_169
	.p2align	4
.LBB0_185:
	vmovsd	(%rsi,%r9,8), %xmm1
	vfmadd213sd	-56(%rdx,%r9,8), %xmm0, %xmm1
	vmovsd	%xmm1, -56(%rdx,%r9,8)
	vmovsd	8(%rsi,%r9,8), %xmm1
	vfmadd213sd	-48(%rdx,%r9,8), %xmm0, %xmm1
	vmovsd	%xmm1, -48(%rdx,%r9,8)
	vmovsd	16(%rsi,%r9,8), %xmm1
	vfmadd213sd	-40(%rdx,%r9,8), %xmm0, %xmm1
	vmovsd	%xmm1, -40(%rdx,%r9,8)
	vmovsd	24(%rsi,%r9,8), %xmm1
	vfmadd213sd	-32(%rdx,%r9,8), %xmm0, %xmm1
	vmovsd	%xmm1, -32(%rdx,%r9,8)
	vmovsd	32(%rsi,%r9,8), %xmm1
	vfmadd213sd	-24(%rdx,%r9,8), %xmm0, %xmm1
	vmovsd	%xmm1, -24(%rdx,%r9,8)
	vmovsd	40(%rsi,%r9,8), %xmm1
	vfmadd213sd	-16(%rdx,%r9,8), %xmm0, %xmm1
	vmovsd	%xmm1, -16(%rdx,%r9,8)
	vmovsd	48(%rsi,%r9,8), %xmm1
	vfmadd213sd	-8(%rdx,%r9,8), %xmm0, %xmm1
	vmovsd	%xmm1, -8(%rdx,%r9,8)
	vmovsd	56(%rsi,%r9,8), %xmm1
	vfmadd213sd	(%rdx,%r9,8), %xmm0, %xmm1
	vmovsd	%xmm1, (%rdx,%r9,8)
	addq	$8, %r9
	cmpq	%r9, %r12
	jne	.LBB0_185
	jmp	.LBB0_169
	.p2align	4
.LBB0_186:
	cmpq	$0, 136(%rsp)
	leaq	8192(%r13), %rdx
	vxorpd	%xmm0, %xmm0, %xmm0
	jle	.LBB0_34
	movq	1296(%rsp), %rcx
	movq	104(%rsp), %r9
	xorl	%eax, %eax
	.p2align	4
.LBB0_188:
	vmovsd	-8192(%rdx,%rax,8), %xmm2
	vmovsd	-6144(%rdx,%rax,8), %xmm3
	vaddsd	-4096(%rdx,%rax,8), %xmm6, %xmm5
	vmulsd	%xmm2, %xmm2, %xmm1
	vfmadd231sd	%xmm3, %xmm3, %xmm1
	vaddsd	%xmm7, %xmm1, %xmm4
	vsubsd	%xmm1, %xmm5, %xmm1
	vaddsd	-2048(%rdx,%rax,8), %xmm1, %xmm1
	vmulsd	%xmm4, %xmm1, %xmm1
	vucomisd	%xmm9, %xmm1
	jne	.LBB0_189
	jnp	.LBB0_274
.LBB0_189:
	vmovsd	(%rdx,%rax,8), %xmm4
	vmulsd	%xmm2, %xmm3, %xmm2
	vmovapd	%xmm8, %xmm3
	incq	%rax
	vfmadd213sd	%xmm7, %xmm2, %xmm3
	vsubsd	%xmm2, %xmm4, %xmm2
	vfmadd213sd	%xmm6, %xmm8, %xmm2
	vmulsd	%xmm3, %xmm2, %xmm2
	vdivsd	%xmm1, %xmm2, %xmm1
	vaddsd	%xmm0, %xmm1, %xmm0
	cmpq	%rax, %r12
	jne	.LBB0_188
	jmp	.LBB0_35
	.p2align	4
.LBB0_190:
	movq	384(%rsp), %rcx
	leaq	2048(%r15), %rax
	cmpq	864(%rsp), %rax
	movq	176(%rsp), %r8
	movq	360(%rsp), %rsi
	movq	768(%rsp), %rdi
	movq	800(%rsp), %r9
	leaq	(%rcx,%rbx), %rcx
	setb	%dl
	addq	%rbx, %rsi
	cmpq	%rcx, %r8
	setb	%cl
	xorl	%r10d, %r10d
	andb	%dl, %cl
	movq	280(%rsp), %rdx
	movb	%cl, 24(%rsp)
	addq	%rbx, %rdx
	jmp	.LBB0_192
	.p2align	4
.LBB0_191:
	incq	%r10
	addq	$8, %r9
	addq	$8, %r8
	addq	$8, %rdi
	cmpq	%r10, 1184(%rsp)
	je	.LBB0_208
.LBB0_192:
	movq	%r14, %rbp
	movq	1176(%rsp), %r14
	movq	(%rsp), %r11
	vmovsd	(%r14,%r10,8), %xmm0
	cmpq	$4, %r11
	setb	%cl
	orb	24(%rsp), %cl
	testb	$1, %cl
	je	.LBB0_194
	xorl	%ecx, %ecx
	jmp	.LBB0_203
	.p2align	4
.LBB0_194:
	cmpq	$16, %r11
	jae	.LBB0_196
	movq	%rbp, %r14
	movq	40(%rsp), %rbp
	xorl	%r11d, %r11d
	jmp	.LBB0_200
	.p2align	4
.LBB0_196:
	movq	32(%rsp), %r11
	vbroadcastsd	%xmm0, %ymm1
	xorl	%ecx, %ecx
	movq	%rbp, %r14
	.p2align	4
.LBB0_197:
	vmovupd	-96(%r9,%rcx,8), %ymm2
	vmovupd	-64(%r9,%rcx,8), %ymm3
	vmovupd	-32(%r9,%rcx,8), %ymm4
	vmovupd	(%r9,%rcx,8), %ymm5
	vfmadd213pd	-96(%rdx,%rcx,8), %ymm1, %ymm2
	vfmadd213pd	-64(%rdx,%rcx,8), %ymm1, %ymm3
	vfmadd213pd	-32(%rdx,%rcx,8), %ymm1, %ymm4
	vfmadd213pd	(%rdx,%rcx,8), %ymm1, %ymm5
	vmovupd	%ymm2, -96(%rdx,%rcx,8)
	vmovupd	%ymm3, -64(%rdx,%rcx,8)
	vmovupd	%ymm4, -32(%rdx,%rcx,8)
	vmovupd	%ymm5, (%rdx,%rcx,8)
	addq	$16, %rcx
	cmpq	%rcx, %r11
	jne	.LBB0_197
	movq	8(%rsp), %rcx
	movq	40(%rsp), %rbp
	cmpq	%rcx, (%rsp)
	je	.LBB0_191
	movq	8(%rsp), %rcx
	testb	$12, (%rsp)
	movq	%rcx, %r11
	je	.LBB0_203
.LBB0_200:
	vbroadcastsd	%xmm0, %ymm1
	.p2align	4
.LBB0_201:
	vmovupd	(%r8,%r11,8), %ymm2
	vfmadd213pd	(%rax,%r11,8), %ymm1, %ymm2
	vmovupd	%ymm2, (%rax,%r11,8)
	addq	$4, %r11
	cmpq	%r11, %rbp
	jne	.LBB0_201
	movq	48(%rsp), %r11
	movq	%r11, %rcx
	cmpq	%r11, (%rsp)
	je	.LBB0_191
.LBB0_203:
	movq	(%rsp), %r11
	movl	%r11d, %r14d
	subl	%ecx, %r14d
	movq	%rcx, %r11
	testb	$7, %r14b
	je	.LBB0_206
	movl	%r12d, %r11d
	subb	%cl, %r11b
	movzbl	%r11b, %r14d
	movq	%rcx, %r11
	andl	$7, %r14d
	shll	$3, %r14d
	negq	%r14
	.p2align	4
.LBB0_205:
	vmovsd	(%r8,%r11,8), %xmm1
	addq	$8, %r14
	vfmadd213sd	(%rax,%r11,8), %xmm0, %xmm1
	vmovsd	%xmm1, (%rax,%r11,8)
	leaq	1(%r11), %r11
	jne	.LBB0_205
.LBB0_206:
	subq	(%rsp), %rcx
	leaq	2048(%r13), %r14
	cmpq	$-8, %rcx
	ja	.LBB0_191
	.p2align	4
.LBB0_207:
	vmovsd	-8(%rdi,%r11,8), %xmm1
	vfmadd213sd	-56(%rsi,%r11,8), %xmm0, %xmm1
	vmovsd	%xmm1, -56(%rsi,%r11,8)
	vmovsd	(%rdi,%r11,8), %xmm1
	vfmadd213sd	-48(%rsi,%r11,8), %xmm0, %xmm1
	vmovsd	%xmm1, -48(%rsi,%r11,8)
	vmovsd	8(%rdi,%r11,8), %xmm1
	vfmadd213sd	-40(%rsi,%r11,8), %xmm0, %xmm1
	vmovsd	%xmm1, -40(%rsi,%r11,8)
	vmovsd	16(%rdi,%r11,8), %xmm1
	vfmadd213sd	-32(%rsi,%r11,8), %xmm0, %xmm1
	vmovsd	%xmm1, -32(%rsi,%r11,8)
	vmovsd	24(%rdi,%r11,8), %xmm1
	vfmadd213sd	-24(%rsi,%r11,8), %xmm0, %xmm1
	vmovsd	%xmm1, -24(%rsi,%r11,8)
	vmovsd	32(%rdi,%r11,8), %xmm1
	vfmadd213sd	-16(%rsi,%r11,8), %xmm0, %xmm1
	vmovsd	%xmm1, -16(%rsi,%r11,8)
	vmovsd	40(%rdi,%r11,8), %xmm1
	vfmadd213sd	-8(%rsi,%r11,8), %xmm0, %xmm1
	vmovsd	%xmm1, -8(%rsi,%r11,8)
	vmovsd	48(%rdi,%r11,8), %xmm1
	vfmadd213sd	(%rsi,%r11,8), %xmm0, %xmm1
	vmovsd	%xmm1, (%rsi,%r11,8)
	addq	$8, %r11
	cmpq	%r11, %r12
	jne	.LBB0_207
	jmp	.LBB0_191
	.p2align	4
.LBB0_208:
	movq	112(%rsp), %rcx
	leaq	4096(%r15), %rax
	cmpq	856(%rsp), %rax
	movq	168(%rsp), %r8
	movq	352(%rsp), %rsi
	movq	760(%rsp), %rdi
	movq	792(%rsp), %r9
	leaq	(%rcx,%rbx), %rcx
	setb	%dl
	addq	%rbx, %rsi
	cmpq	%rcx, %r8
	setb	%cl
	xorl	%r10d, %r10d
	andb	%dl, %cl
	movq	272(%rsp), %rdx
	movb	%cl, 24(%rsp)
	addq	%rbx, %rdx
	jmp	.LBB0_210
	.p2align	4
.LBB0_209:
	incq	%r10
	addq	$8, %r9
	addq	$8, %r8
	addq	$8, %rdi
	cmpq	%r10, 1184(%rsp)
	je	.LBB0_226
.LBB0_210:
	movq	%r14, %rbp
	movq	1176(%rsp), %r14
	movq	(%rsp), %r11
	vmovsd	(%r14,%r10,8), %xmm0
	cmpq	$4, %r11
	setb	%cl
	orb	24(%rsp), %cl
	testb	$1, %cl
	je	.LBB0_212
	xorl	%ecx, %ecx
	jmp	.LBB0_221
	.p2align	4
.LBB0_212:
	cmpq	$16, %r11
	jae	.LBB0_214
	movq	%rbp, %r14
	movq	40(%rsp), %rbp
	xorl	%r11d, %r11d
	jmp	.LBB0_218
	.p2align	4
.LBB0_214:
	movq	32(%rsp), %r11
	vbroadcastsd	%xmm0, %ymm1
	xorl	%ecx, %ecx
	movq	%rbp, %r14
	.p2align	4
.LBB0_215:
	vmovupd	-96(%r9,%rcx,8), %ymm2
	vmovupd	-64(%r9,%rcx,8), %ymm3
	vmovupd	-32(%r9,%rcx,8), %ymm4
	vmovupd	(%r9,%rcx,8), %ymm5
	vfmadd213pd	-96(%rdx,%rcx,8), %ymm1, %ymm2
	vfmadd213pd	-64(%rdx,%rcx,8), %ymm1, %ymm3
	vfmadd213pd	-32(%rdx,%rcx,8), %ymm1, %ymm4
	vfmadd213pd	(%rdx,%rcx,8), %ymm1, %ymm5
	vmovupd	%ymm2, -96(%rdx,%rcx,8)
	vmovupd	%ymm3, -64(%rdx,%rcx,8)
	vmovupd	%ymm4, -32(%rdx,%rcx,8)
	vmovupd	%ymm5, (%rdx,%rcx,8)
	addq	$16, %rcx
	cmpq	%rcx, %r11
	jne	.LBB0_215
	movq	8(%rsp), %rcx
	movq	40(%rsp), %rbp
	cmpq	%rcx, (%rsp)
	je	.LBB0_209
	movq	8(%rsp), %rcx
	testb	$12, (%rsp)
	movq	%rcx, %r11
	je	.LBB0_221
.LBB0_218:
	vbroadcastsd	%xmm0, %ymm1
	.p2align	4
.LBB0_219:
	vmovupd	(%r8,%r11,8), %ymm2
	vfmadd213pd	(%rax,%r11,8), %ymm1, %ymm2
	vmovupd	%ymm2, (%rax,%r11,8)
	addq	$4, %r11
	cmpq	%r11, %rbp
	jne	.LBB0_219
	movq	48(%rsp), %r11
	movq	%r11, %rcx
	cmpq	%r11, (%rsp)
	je	.LBB0_209
.LBB0_221:
	movq	(%rsp), %r11
	movl	%r11d, %r14d
	subl	%ecx, %r14d
	movq	%rcx, %r11
	testb	$7, %r14b
	je	.LBB0_224
	movl	%r12d, %r11d
	subb	%cl, %r11b
	movzbl	%r11b, %r14d
	movq	%rcx, %r11
	andl	$7, %r14d
	shll	$3, %r14d
	negq	%r14
	.p2align	4
.LBB0_223:
	vmovsd	(%r8,%r11,8), %xmm1
	addq	$8, %r14
	vfmadd213sd	(%rax,%r11,8), %xmm0, %xmm1
	vmovsd	%xmm1, (%rax,%r11,8)
	leaq	1(%r11), %r11
	jne	.LBB0_223
.LBB0_224:
	subq	(%rsp), %rcx
	leaq	2048(%r13), %r14
	cmpq	$-8, %rcx
	ja	.LBB0_209
	.p2align	4
.LBB0_225:
	vmovsd	-56(%rdi,%r11,8), %xmm1
	vfmadd213sd	-56(%rsi,%r11,8), %xmm0, %xmm1
	vmovsd	%xmm1, -56(%rsi,%r11,8)
	vmovsd	-48(%rdi,%r11,8), %xmm1
	vfmadd213sd	-48(%rsi,%r11,8), %xmm0, %xmm1
	vmovsd	%xmm1, -48(%rsi,%r11,8)
	vmovsd	-40(%rdi,%r11,8), %xmm1
	vfmadd213sd	-40(%rsi,%r11,8), %xmm0, %xmm1
	vmovsd	%xmm1, -40(%rsi,%r11,8)
	vmovsd	-32(%rdi,%r11,8), %xmm1
	vfmadd213sd	-32(%rsi,%r11,8), %xmm0, %xmm1
	vmovsd	%xmm1, -32(%rsi,%r11,8)
	vmovsd	-24(%rdi,%r11,8), %xmm1
	vfmadd213sd	-24(%rsi,%r11,8), %xmm0, %xmm1
	vmovsd	%xmm1, -24(%rsi,%r11,8)
	vmovsd	-16(%rdi,%r11,8), %xmm1
	vfmadd213sd	-16(%rsi,%r11,8), %xmm0, %xmm1
	vmovsd	%xmm1, -16(%rsi,%r11,8)
	vmovsd	-8(%rdi,%r11,8), %xmm1
	vfmadd213sd	-8(%rsi,%r11,8), %xmm0, %xmm1
	vmovsd	%xmm1, -8(%rsi,%r11,8)
	vmovsd	(%rdi,%r11,8), %xmm1
	vfmadd213sd	(%rsi,%r11,8), %xmm0, %xmm1
	vmovsd	%xmm1, (%rsi,%r11,8)
	addq	$8, %r11
	cmpq	%r11, %r12
	jne	.LBB0_225
	jmp	.LBB0_209
	.p2align	4
.LBB0_226:
	movq	120(%rsp), %rcx
	leaq	6144(%r15), %rax
	cmpq	848(%rsp), %rax
	movq	160(%rsp), %r8
	movq	344(%rsp), %rsi
	movq	752(%rsp), %rdi
	movq	784(%rsp), %r9
	leaq	(%rcx,%rbx), %rcx
	setb	%dl
	addq	%rbx, %rsi
	cmpq	%rcx, %r8
	setb	%cl
	xorl	%r10d, %r10d
	andb	%dl, %cl
	movq	264(%rsp), %rdx
	movb	%cl, 24(%rsp)
	addq	%rbx, %rdx
	jmp	.LBB0_228
	.p2align	4
.LBB0_227:
	incq	%r10
	addq	$8, %r9
	addq	$8, %r8
	addq	$8, %rdi
	leaq	6144(%r13), %r11
	cmpq	%r10, 1184(%rsp)
	je	.LBB0_244
.LBB0_228:
	movq	%r14, %rbp
	movq	1176(%rsp), %r14
	movq	(%rsp), %r11
	vmovsd	(%r14,%r10,8), %xmm0
	cmpq	$4, %r11
	setb	%cl
	orb	24(%rsp), %cl
	testb	$1, %cl
	je	.LBB0_230
	xorl	%ecx, %ecx
	jmp	.LBB0_239
	.p2align	4
.LBB0_230:
	cmpq	$16, %r11
	jae	.LBB0_232
	movq	%rbp, %r14
	movq	40(%rsp), %rbp
	xorl	%r11d, %r11d
	jmp	.LBB0_236
	.p2align	4
.LBB0_232:
	movq	32(%rsp), %r11
	vbroadcastsd	%xmm0, %ymm1
	xorl	%ecx, %ecx
	movq	%rbp, %r14
	.p2align	4
.LBB0_233:
	vmovupd	-96(%r9,%rcx,8), %ymm2
	vmovupd	-64(%r9,%rcx,8), %ymm3
	vmovupd	-32(%r9,%rcx,8), %ymm4
	vmovupd	(%r9,%rcx,8), %ymm5
	vfmadd213pd	-96(%rdx,%rcx,8), %ymm1, %ymm2
	vfmadd213pd	-64(%rdx,%rcx,8), %ymm1, %ymm3
	vfmadd213pd	-32(%rdx,%rcx,8), %ymm1, %ymm4
	vfmadd213pd	(%rdx,%rcx,8), %ymm1, %ymm5
	vmovupd	%ymm2, -96(%rdx,%rcx,8)
	vmovupd	%ymm3, -64(%rdx,%rcx,8)
	vmovupd	%ymm4, -32(%rdx,%rcx,8)
	vmovupd	%ymm5, (%rdx,%rcx,8)
	addq	$16, %rcx
	cmpq	%rcx, %r11
	jne	.LBB0_233
	movq	8(%rsp), %rcx
	movq	40(%rsp), %rbp
	cmpq	%rcx, (%rsp)
	je	.LBB0_227
	movq	8(%rsp), %rcx
	testb	$12, (%rsp)
	movq	%rcx, %r11
	je	.LBB0_239
.LBB0_236:
	vbroadcastsd	%xmm0, %ymm1
	.p2align	4
.LBB0_237:
	vmovupd	(%r8,%r11,8), %ymm2
	vfmadd213pd	(%rax,%r11,8), %ymm1, %ymm2
	vmovupd	%ymm2, (%rax,%r11,8)
	addq	$4, %r11
	cmpq	%r11, %rbp
	jne	.LBB0_237
	movq	48(%rsp), %r11
	movq	%r11, %rcx
	cmpq	%r11, (%rsp)
	je	.LBB0_227
.LBB0_239:
	movq	(%rsp), %r11
	movl	%r11d, %r14d
	subl	%ecx, %r14d
	movq	%rcx, %r11
	testb	$7, %r14b
	je	.LBB0_242
	movl	%r12d, %r11d
	subb	%cl, %r11b
	movzbl	%r11b, %r14d
	movq	%rcx, %r11
	andl	$7, %r14d
	shll	$3, %r14d
	negq	%r14
	.p2align	4
.LBB0_241:
	vmovsd	(%r8,%r11,8), %xmm1
	addq	$8, %r14
	vfmadd213sd	(%rax,%r11,8), %xmm0, %xmm1
	vmovsd	%xmm1, (%rax,%r11,8)
	leaq	1(%r11), %r11
	jne	.LBB0_241
.LBB0_242:
	subq	(%rsp), %rcx
	leaq	2048(%r13), %r14
	cmpq	$-8, %rcx
	ja	.LBB0_227
	.p2align	4
.LBB0_243:
	vmovsd	-56(%rdi,%r11,8), %xmm1
	vfmadd213sd	-56(%rsi,%r11,8), %xmm0, %xmm1
	vmovsd	%xmm1, -56(%rsi,%r11,8)
	vmovsd	-48(%rdi,%r11,8), %xmm1
	vfmadd213sd	-48(%rsi,%r11,8), %xmm0, %xmm1
	vmovsd	%xmm1, -48(%rsi,%r11,8)
	vmovsd	-40(%rdi,%r11,8), %xmm1
	vfmadd213sd	-40(%rsi,%r11,8), %xmm0, %xmm1
	vmovsd	%xmm1, -40(%rsi,%r11,8)
	vmovsd	-32(%rdi,%r11,8), %xmm1
	vfmadd213sd	-32(%rsi,%r11,8), %xmm0, %xmm1
	vmovsd	%xmm1, -32(%rsi,%r11,8)
	vmovsd	-24(%rdi,%r11,8), %xmm1
	vfmadd213sd	-24(%rsi,%r11,8), %xmm0, %xmm1
	vmovsd	%xmm1, -24(%rsi,%r11,8)
	vmovsd	-16(%rdi,%r11,8), %xmm1
	vfmadd213sd	-16(%rsi,%r11,8), %xmm0, %xmm1
	vmovsd	%xmm1, -16(%rsi,%r11,8)
	vmovsd	-8(%rdi,%r11,8), %xmm1
	vfmadd213sd	-8(%rsi,%r11,8), %xmm0, %xmm1
	vmovsd	%xmm1, -8(%rsi,%r11,8)
	vmovsd	(%rdi,%r11,8), %xmm1
	vfmadd213sd	(%rsi,%r11,8), %xmm0, %xmm1
	vmovsd	%xmm1, (%rsi,%r11,8)
	addq	$8, %r11
	cmpq	%r11, %r12
	jne	.LBB0_243
	jmp	.LBB0_227
	.p2align	4
.LBB0_244:
	movq	128(%rsp), %rax
	addq	$8192, %r15
	cmpq	840(%rsp), %r15
	movq	152(%rsp), %rsi
	movq	256(%rsp), %rdx
	movq	776(%rsp), %rdi
	leaq	(%rax,%rbx), %rax
	setb	%cl
	cmpq	%rax, %rsi
	setb	%al
	xorl	%r8d, %r8d
	andb	%cl, %al
	leaq	(%rdx,%rbx), %rcx
	addq	336(%rsp), %rbx
	movq	744(%rsp), %rdx
	jmp	.LBB0_246
	.p2align	4
.LBB0_245:
	incq	%r8
	addq	$8, %rdi
	addq	$8, %rsi
	addq	$8, %rdx
	cmpq	%r8, 1184(%rsp)
	je	.LBB0_54
.LBB0_246:
	movq	%r14, %rbp
	movq	1176(%rsp), %r14
	movq	(%rsp), %r10
	vmovsd	(%r14,%r8,8), %xmm0
	cmpq	$4, %r10
	setb	%r9b
	orb	%al, %r9b
	testb	$1, %r9b
	je	.LBB0_248
	movq	%rbp, %r14
	movq	40(%rsp), %rbp
	xorl	%r10d, %r10d
	jmp	.LBB0_257
	.p2align	4
.LBB0_248:
	movq	%rbp, %r14
	cmpq	$16, %r10
	jae	.LBB0_250
	movq	40(%rsp), %rbp
	xorl	%r9d, %r9d
	jmp	.LBB0_254
	.p2align	4
.LBB0_250:
	movq	32(%rsp), %r10
	movq	40(%rsp), %rbp
	vbroadcastsd	%xmm0, %ymm1
	xorl	%r9d, %r9d
	.p2align	4
.LBB0_251:
	vmovupd	-96(%rdi,%r9,8), %ymm2
	vmovupd	-64(%rdi,%r9,8), %ymm3
	vmovupd	-32(%rdi,%r9,8), %ymm4
	vmovupd	(%rdi,%r9,8), %ymm5
	vfmadd213pd	-96(%rcx,%r9,8), %ymm1, %ymm2
	vfmadd213pd	-64(%rcx,%r9,8), %ymm1, %ymm3
	vfmadd213pd	-32(%rcx,%r9,8), %ymm1, %ymm4
	vfmadd213pd	(%rcx,%r9,8), %ymm1, %ymm5
	vmovupd	%ymm2, -96(%rcx,%r9,8)
	vmovupd	%ymm3, -64(%rcx,%r9,8)
	vmovupd	%ymm4, -32(%rcx,%r9,8)
	vmovupd	%ymm5, (%rcx,%r9,8)
	addq	$16, %r9
	cmpq	%r9, %r10
	jne	.LBB0_251
	movq	8(%rsp), %r9
	cmpq	%r9, (%rsp)
	je	.LBB0_245
	movq	8(%rsp), %r10
	testb	$12, (%rsp)
	movq	%r10, %r9
	je	.LBB0_257
.LBB0_254:
	vbroadcastsd	%xmm0, %ymm1
	.p2align	4
.LBB0_255:
	vmovupd	(%rsi,%r9,8), %ymm2
	vfmadd213pd	(%r15,%r9,8), %ymm1, %ymm2
	vmovupd	%ymm2, (%r15,%r9,8)
	addq	$4, %r9
	cmpq	%r9, %rbp
	jne	.LBB0_255
	movq	48(%rsp), %r9
	movq	%r9, %r10
	cmpq	%r9, (%rsp)
	je	.LBB0_245
.LBB0_257:
	movq	(%rsp), %r9
	movl	%r9d, %r11d
	subl	%r10d, %r11d
	movq	%r10, %r9
	testb	$7, %r11b
	je	.LBB0_260
	movl	%r12d, %r9d
	subb	%r10b, %r9b
	movzbl	%r9b, %r11d
	movq	%r10, %r9
	andl	$7, %r11d
	shll	$3, %r11d
	negq	%r11
	.p2align	4
.LBB0_259:
	vmovsd	(%rsi,%r9,8), %xmm1
	addq	$8, %r11
	vfmadd213sd	(%r15,%r9,8), %xmm0, %xmm1
	vmovsd	%xmm1, (%r15,%r9,8)
	leaq	1(%r9), %r9
	jne	.LBB0_259
.LBB0_260:
	subq	(%rsp), %r10
	leaq	6144(%r13), %r11
	cmpq	$-8, %r10
	ja	.LBB0_245
	.p2align	4
.LBB0_261:
	vmovsd	-56(%rdx,%r9,8), %xmm1
	vfmadd213sd	-56(%rbx,%r9,8), %xmm0, %xmm1
	vmovsd	%xmm1, -56(%rbx,%r9,8)
	vmovsd	-48(%rdx,%r9,8), %xmm1
	vfmadd213sd	-48(%rbx,%r9,8), %xmm0, %xmm1
	vmovsd	%xmm1, -48(%rbx,%r9,8)
	vmovsd	-40(%rdx,%r9,8), %xmm1
	vfmadd213sd	-40(%rbx,%r9,8), %xmm0, %xmm1
	vmovsd	%xmm1, -40(%rbx,%r9,8)
	vmovsd	-32(%rdx,%r9,8), %xmm1
	vfmadd213sd	-32(%rbx,%r9,8), %xmm0, %xmm1
	vmovsd	%xmm1, -32(%rbx,%r9,8)
	vmovsd	-24(%rdx,%r9,8), %xmm1
	vfmadd213sd	-24(%rbx,%r9,8), %xmm0, %xmm1
	vmovsd	%xmm1, -24(%rbx,%r9,8)
	vmovsd	-16(%rdx,%r9,8), %xmm1
	vfmadd213sd	-16(%rbx,%r9,8), %xmm0, %xmm1
	vmovsd	%xmm1, -16(%rbx,%r9,8)
	vmovsd	-8(%rdx,%r9,8), %xmm1
	vfmadd213sd	-8(%rbx,%r9,8), %xmm0, %xmm1
	vmovsd	%xmm1, -8(%rbx,%r9,8)
	vmovsd	(%rdx,%r9,8), %xmm1
	vfmadd213sd	(%rbx,%r9,8), %xmm0, %xmm1
	vmovsd	%xmm1, (%rbx,%r9,8)
	addq	$8, %r9
	cmpq	%r9, %r12
	jne	.LBB0_261
	jmp	.LBB0_245
.LBB0_262:
	xorl	%ebx, %ebx
	movq	96(%rsp), %rax
	cmpq	$0, 312(%rsp)
	leaq	(%rax,%rbx), %r15
	jg	.LBB0_52
	jmp	.LBB0_53
.LBB0_263:
	movq	424(%rsp), %rcx
	movq	432(%rsp), %rax
	movq	408(%rsp), %r9
	movq	416(%rsp), %r8
	movq	144(%rsp), %rdx
	incq	%rcx
	addq	$-256, %rax
	cmpq	$1, 192(%rsp)
	jg	.LBB0_33
	movq	392(%rsp), %rax
	cmpq	%rax, 1136(%rsp)
	jne	.LBB0_32
	jmp	.LBB0_7
.LBB0_265:
	xorl	%ebp, %ebp
	jmp	.LBB0_25
.LBB0_266:
	xorl	%r8d, %r8d
	cmpq	%rcx, %rsi
	jl	.LBB0_13
.LBB0_267:
	movq	%rcx, %r8
	jmp	.LBB0_13
.LBB0_268:
	xorl	%esi, %esi
	cmpq	%rcx, %rdx
	jl	.LBB0_15
.LBB0_269:
	movq	%rcx, %rsi
	cmpq	$0, 1304(%rsp)
	movq	688(%rsp), %rcx
	jg	.LBB0_16
.LBB0_270:
	movq	1304(%rsp), %rdi
	jmp	.LBB0_17
.LBB0_271:
	xorl	%r14d, %r14d
	movq	680(%rsp), %r15
	cmpq	1304(%rsp), %rcx
	jl	.LBB0_19
.LBB0_272:
	movq	1304(%rsp), %r14
	jmp	.LBB0_19
.LBB0_273:
	movq	1048(%rsp), %rdi
	movabsq	$NRT_decref, %rbx
	callq	*%rbx
	movq	656(%rsp), %rdi
	callq	*%rbx
	movq	1144(%rsp), %rdi
	callq	*%rbx
	movq	1256(%rsp), %rdi
	callq	*%rbx
	movq	1200(%rsp), %rdi
	callq	*%rbx
	movq	664(%rsp), %rax
	movq	$0, (%rax)
	xorl	%eax, %eax
	jmp	.LBB0_277
.LBB0_274:
	movabsq	$.const.picklebuf.b28008a0f88bad5ff0f0243e84dab90cab19b366, %rax
.LBB0_275:
	movq	72(%rsp), %rcx
	movq	%rax, (%rcx)
.LBB0_276:
	movl	$1, %eax
.LBB0_277:
	addq	$936, %rsp
	.cfi_def_cfa_offset 56
	popq	%rbx
	.cfi_def_cfa_offset 48
	popq	%r12
	.cfi_def_cfa_offset 40
	popq	%r13
	.cfi_def_cfa_offset 32
	popq	%r14
	.cfi_def_cfa_offset 24
	popq	%r15
	.cfi_def_cfa_offset 16
	popq	%rbp
	.cfi_def_cfa_offset 8
	vzeroupper
	retq
.LBB0_278:
	.cfi_def_cfa_offset 992
	movq	72(%rsp), %rax
	movabsq	$.const.picklebuf.ba289d81f05c7020f3477c15734804df65abe209.9, %rcx
	jmp	.LBB0_285
.LBB0_279:
	movabsq	$.const.picklebuf.ba289d81f05c7020f3477c15734804df65abe209, %rax
	jmp	.LBB0_275
.LBB0_280:
	movabsq	$NRT_MemInfo_alloc_aligned, %rax
	movl	$32, %esi
	movq	%rbx, %rdi
	callq	*%rax
	testq	%rax, %rax
	je	.LBB0_286
	movabsq	$.const.picklebuf.331b8563bdb9dac81b38422273052c486fc1706b.7, %rcx
	jmp	.LBB0_284
.LBB0_282:
	movabsq	$NRT_MemInfo_alloc_aligned, %rax
	movl	$32, %esi
	movq	%rbx, %rdi
	callq	*%rax
	testq	%rax, %rax
	je	.LBB0_286
	movabsq	$.const.picklebuf.58e14eccb507b1e0206981740223e685cb8c3c57.8, %rcx
.LBB0_284:
	movq	72(%rsp), %rax
.LBB0_285:
	movq	%rcx, (%rax)
	jmp	.LBB0_276
.LBB0_286:
	movabsq	$.const.picklebuf.ba289d81f05c7020f3477c15734804df65abe209, %r14
.LBB0_287:
	movq	72(%rsp), %rax
	movq	%r14, (%rax)
	jmp	.LBB0_276
.LBB0_288:
	cmpq	$0, 400(%rsp)
	movq	16(%rsp), %r11
	movq	1104(%rsp), %r14
	movq	1016(%rsp), %r12
	jle	.LBB0_300
	movq	144(%rsp), %rax
	movq	1000(%rsp), %r8
	movq	24(%rsp), %rsi
	movq	1088(%rsp), %rdi
	movq	88(%rsp), %rcx
	movl	$256, %edx
	cmpq	$256, %rax
	cmovlq	%rax, %rdx
	andq	%rsi, %r8
	andq	%rsi, %rdi
	addq	%rcx, %r8
	addq	%rcx, %rdi
	leaq	-1(%rdx), %r13
	movq	%r8, 8(%rsp)
	movq	%rdi, (%rsp)
	cmpq	$49, %rdx
	jb	.LBB0_292
	movq	%r12, %rax
	movq	%r14, %rcx
	xorq	$1, %rax
	xorq	$1, %rcx
	orq	%rax, %rcx
	je	.LBB0_301
.LBB0_292:
	xorl	%ecx, %ecx
.LBB0_293:
	movq	%rdx, %rsi
	subq	%rcx, %rsi
	movl	%edx, %eax
	andl	$3, %eax
	addq	$-2, %rsi
	cmpl	$1, %eax
	jne	.LBB0_295
	movq	1184(%rsp), %r10
	jmp	.LBB0_297
.LBB0_295:
	movq	1096(%rsp), %rdi
	movq	1008(%rsp), %r8
	movq	1184(%rsp), %r10
	decl	%edx
	imulq	(%rsp), %rdi
	imulq	8(%rsp), %r8
	andl	$3, %edx
	negq	%rdx
	addq	%rcx, %rdi
	addq	%rcx, %r8
	imulq	%r14, %rdi
	imulq	%r12, %r8
	addq	1080(%rsp), %rdi
	addq	992(%rsp), %r8
.LBB0_296:
	movzbl	(%r8), %eax
	leaq	(%rbp,%rcx,8), %r9
	addq	%r12, %r8
	vcvtsi2sd	%eax, %xmm15, %xmm0
	movzbl	(%rdi), %eax
	addq	%r14, %rdi
	vmulsd	%xmm0, %xmm0, %xmm2
	vmovsd	%xmm0, (%rbp,%rcx,8)
	incq	%rcx
	vcvtsi2sd	%eax, %xmm15, %xmm1
	leaq	(%r9,%r10,8), %rax
	vmulsd	%xmm1, %xmm1, %xmm3
	vmulsd	%xmm0, %xmm1, %xmm0
	vmovsd	%xmm1, 2040(%r9,%r10,8)
	vmovsd	%xmm2, 2040(%r11,%rax)
	addq	%r11, %rax
	vmovsd	%xmm3, 2040(%r11,%rax)
	addq	%r11, %rax
	incq	%rdx
	vmovsd	%xmm0, 2040(%r11,%rax)
	jne	.LBB0_296
.LBB0_297:
	movq	1080(%rsp), %r8
	movq	992(%rsp), %rdi
	cmpq	$3, %rsi
	jb	.LBB0_300
	leaq	(,%r14,4), %r9
	movq	1096(%rsp), %rsi
	movq	%r10, %rdx
	leaq	(,%r12,4), %r10
	addq	$24, %rbp
	imulq	(%rsp), %rsi
	movq	%r9, 40(%rsp)
	movq	1008(%rsp), %r9
	movq	%r10, 48(%rsp)
	imulq	8(%rsp), %r9
	leaq	3(%rcx,%rsi), %rax
	leaq	3(%rcx,%r9), %r11
	leaq	2(%rcx,%r9), %r10
	leaq	1(%rcx,%r9), %r15
	imulq	%r14, %rax
	leaq	(%rcx,%r9), %rbx
	imulq	%r12, %rbx
	imulq	%r12, %r11
	imulq	%r12, %r10
	imulq	%r12, %r15
	movq	%rax, (%rsp)
	movq	%r11, 8(%rsp)
	leaq	2(%rcx,%rsi), %r11
	movq	%r10, 24(%rsp)
	movq	%r14, %r10
	imulq	%r14, %r11
	movq	%r11, 32(%rsp)
	leaq	(%rcx,%rsi), %r11
	imulq	%r14, %r11
	leaq	1(%rcx,%rsi), %r14
	imulq	%r10, %r14
.LBB0_299:
	movzbl	(%rdi,%rbx), %eax
	movzbl	(%r8,%r11), %esi
	leaq	(%rbp,%rcx,8), %r12
	movq	%r13, %r10
	movq	%rbp, %r9
	leaq	-24(%r12,%rdx,8), %r13
	vcvtsi2sd	%eax, %xmm15, %xmm0
	movq	16(%rsp), %rax
	vcvtsi2sd	%esi, %xmm15, %xmm1
	movq	16(%rsp), %rsi
	vmulsd	%xmm0, %xmm0, %xmm2
	vmovsd	%xmm0, -24(%rbp,%rcx,8)
	leaq	(%r13,%rax), %rbp
	movq	16(%rsp), %rax
	vmovsd	%xmm1, 2016(%r12,%rdx,8)
	vmulsd	%xmm0, %xmm1, %xmm0
	vmovsd	%xmm2, 2040(%rsi,%r13)
	movq	16(%rsp), %rsi
	vmulsd	%xmm1, %xmm1, %xmm2
	leaq	(%rbp,%rax), %rax
	vmovsd	%xmm2, 2040(%rsi,%rbp)
	movq	16(%rsp), %rsi
	vmovsd	%xmm0, 2040(%rsi,%rax)
	movzbl	(%rdi,%r15), %esi
	vcvtsi2sd	%esi, %xmm15, %xmm0
	movzbl	(%r8,%r14), %esi
	vmulsd	%xmm0, %xmm0, %xmm2
	vmovsd	%xmm0, -16(%r9,%rcx,8)
	vcvtsi2sd	%esi, %xmm15, %xmm1
	movq	16(%rsp), %rsi
	vmovsd	%xmm1, 2024(%r12,%rdx,8)
	vmulsd	%xmm0, %xmm1, %xmm0
	vmovsd	%xmm2, 2048(%rsi,%r13)
	movq	16(%rsp), %rsi
	vmulsd	%xmm1, %xmm1, %xmm2
	vmovsd	%xmm2, 2048(%rsi,%rbp)
	movq	16(%rsp), %rsi
	vmovsd	%xmm0, 2048(%rsi,%rax)
	movq	24(%rsp), %rsi
	movzbl	(%rdi,%rsi), %esi
	vcvtsi2sd	%esi, %xmm15, %xmm0
	movq	32(%rsp), %rsi
	vmulsd	%xmm0, %xmm0, %xmm2
	movzbl	(%r8,%rsi), %esi
	vmovsd	%xmm0, -8(%r9,%rcx,8)
	vcvtsi2sd	%esi, %xmm15, %xmm1
	movq	16(%rsp), %rsi
	vmovsd	%xmm1, 2032(%r12,%rdx,8)
	vmulsd	%xmm0, %xmm1, %xmm0
	vmovsd	%xmm2, 2056(%rsi,%r13)
	movq	16(%rsp), %rsi
	vmulsd	%xmm1, %xmm1, %xmm2
	vmovsd	%xmm2, 2056(%rsi,%rbp)
	movq	16(%rsp), %rsi
	vmovsd	%xmm0, 2056(%rsi,%rax)
	movq	8(%rsp), %rsi
	movzbl	(%rdi,%rsi), %esi
	addq	48(%rsp), %rdi
	vcvtsi2sd	%esi, %xmm15, %xmm0
	movq	(%rsp), %rsi
	vmulsd	%xmm0, %xmm0, %xmm2
	movzbl	(%r8,%rsi), %esi
	vmovsd	%xmm0, (%r9,%rcx,8)
	addq	40(%rsp), %r8
	addq	$4, %rcx
	vcvtsi2sd	%esi, %xmm15, %xmm1
	movq	16(%rsp), %rsi
	vmovsd	%xmm1, 2040(%r12,%rdx,8)
	movq	16(%rsp), %r12
	vmulsd	%xmm0, %xmm1, %xmm0
	vmovsd	%xmm2, 2064(%rsi,%r13)
	vmulsd	%xmm1, %xmm1, %xmm2
	movq	%r10, %r13
	vmovsd	%xmm2, 2064(%r12,%rbp)
	movq	%r9, %rbp
	movq	16(%rsp), %r9
	vmovsd	%xmm0, 2064(%r9,%rax)
	cmpq	%rcx, %r10
	jne	.LBB0_299
.LBB0_300:
	movabsq	$.const.picklebuf.ffb24196e71d4d5274d7295bceca009ea25a5f9d, %rax
	jmp	.LBB0_275
.LBB0_301:
	movq	1008(%rsp), %rcx
	movq	1096(%rsp), %rsi
	movq	152(%rsp), %rdi
	leaq	8152(%rbp,%rdx,8), %r8
	movq	160(%rsp), %r9
	leaq	6112(%rbp,%rdx,8), %r10
	movq	168(%rsp), %r11
	leaq	4072(%rbp,%rdx,8), %rbx
	movq	176(%rsp), %r12
	leaq	2032(%rbp,%rdx,8), %r13
	imulq	8(%rsp), %rcx
	imulq	(%rsp), %rsi
	addq	992(%rsp), %rcx
	addq	1080(%rsp), %rsi
	leaq	-1(%rdx,%rcx), %r14
	leaq	-1(%rdx,%rsi), %r15
	cmpq	%r14, %rdi
	setb	40(%rsp)
	cmpq	%r8, %rcx
	setb	48(%rsp)
	cmpq	%r15, %rdi
	setb	%dil
	cmpq	%r8, %rsi
	setb	32(%rsp)
	cmpq	%r14, %r9
	setb	%r8b
	cmpq	%r10, %rcx
	setb	24(%rsp)
	cmpq	%r15, %r9
	setb	%r9b
	cmpq	%r10, %rsi
	setb	136(%rsp)
	cmpq	%r14, %r11
	setb	%r10b
	cmpq	%rbx, %rcx
	setb	80(%rsp)
	cmpq	%r15, %r11
	setb	%r11b
	cmpq	%rbx, %rsi
	setb	184(%rsp)
	cmpq	%r14, %r12
	setb	%bl
	cmpq	%r13, %rcx
	setb	128(%rsp)
	cmpq	%r15, %r12
	leaq	-8(%rbp,%rdx,8), %r12
	setb	%al
	cmpq	%r13, %rsi
	setb	120(%rsp)
	cmpq	%r14, %rbp
	setb	%r14b
	cmpq	%r12, %rcx
	setb	112(%rsp)
	cmpq	%r15, %rbp
	setb	%r15b
	cmpq	%r12, %rsi
	movzbl	48(%rsp), %r12d
	setb	%sil
	xorl	%ecx, %ecx
	testb	%r12b, 40(%rsp)
	jne	.LBB0_314
	andb	32(%rsp), %dil
	jne	.LBB0_314
	andb	24(%rsp), %r8b
	jne	.LBB0_314
	andb	136(%rsp), %r9b
	jne	.LBB0_314
	andb	80(%rsp), %r10b
	jne	.LBB0_314
	andb	184(%rsp), %r11b
	jne	.LBB0_314
	andb	128(%rsp), %bl
	jne	.LBB0_314
	andb	120(%rsp), %al
	jne	.LBB0_314
	movq	16(%rsp), %r11
	movq	1016(%rsp), %r12
	movq	64(%rsp), %rbp
	andb	112(%rsp), %r14b
	leaq	-1(%rdx), %r13
	jne	.LBB0_315
	andb	%sil, %r15b
	movq	1184(%rsp), %r8
	movq	1080(%rsp), %rax
	movq	992(%rsp), %rsi
	movq	1104(%rsp), %r14
	jne	.LBB0_293
	movq	240(%rsp), %r9
	movq	232(%rsp), %r10
	movq	%r13, %rcx
	andq	$-4, %rcx
	imulq	8(%rsp), %r9
	imulq	(%rsp), %r10
	addq	%rax, %r10
	addq	%rsi, %r9
	xorl	%eax, %eax
.LBB0_312:
	vpmovzxbd	(%r9,%rax), %xmm0
	vpmovzxbd	(%r10,%rax), %xmm1
	leaq	(%rbp,%rax,8), %rsi
	leaq	(%rsi,%r8,8), %rdi
	vcvtdq2pd	%xmm0, %ymm0
	vcvtdq2pd	%xmm1, %ymm1
	vmulpd	%ymm0, %ymm0, %ymm2
	vmulpd	%ymm1, %ymm1, %ymm3
	vmovupd	%ymm0, (%rbp,%rax,8)
	vmulpd	%ymm0, %ymm1, %ymm0
	vmovupd	%ymm1, 2040(%rsi,%r8,8)
	addq	$4, %rax
	vmovupd	%ymm2, 2040(%r11,%rdi)
	addq	%r11, %rdi
	vmovupd	%ymm3, 2040(%r11,%rdi)
	addq	%r11, %rdi
	vmovupd	%ymm0, 2040(%r11,%rdi)
	cmpq	%rax, %rcx
	jne	.LBB0_312
	cmpq	%rcx, %r13
	jne	.LBB0_293
	jmp	.LBB0_300
.LBB0_314:
	movq	16(%rsp), %r11
	movq	1104(%rsp), %r14
	movq	1016(%rsp), %r12
	movq	64(%rsp), %rbp
	leaq	-1(%rdx), %r13
	jmp	.LBB0_293
.LBB0_315:
	movq	1104(%rsp), %r14
	jmp	.LBB0_293
.Lfunc_end0:
	.size	_ZN13_3cdynamic_3e13ssim_row_sumsB2v1B104c8tJTIeFIjxB2IKSgI4CrvQClYb5wBbdC9XqiUXJBeo6CurJ_2bXklRYnJJSB2YloeiCoCJqLi_2fGQQM6_2b4Sr1WExjURRAjNQE_3dE5ArrayIhLi3E1C7mutable7alignedE5ArrayIhLi3E1C7mutable7alignedEx5ArrayIdLi1E1C7mutable7alignedEdd5ArrayIxLi1E1C7mutable7alignedE5ArrayIdLi2E1C7mutable7alignedE, .Lfunc_end0-_ZN13_3cdynamic_3e13ssim_row_sumsB2v1B104c8tJTIeFIjxB2IKSgI4CrvQClYb5wBbdC9XqiUXJBeo6CurJ_2bXklRYnJJSB2YloeiCoCJqLi_2fGQQM6_2b4Sr1WExjURRAjNQE_3dE5ArrayIhLi3E1C7mutable7alignedE5ArrayIhLi3E1C7mutable7alignedEx5ArrayIdLi1E1C7mutable7alignedEdd5ArrayIxLi1E1C7mutable7alignedE5ArrayIdLi2E1C7mutable7alignedE
	.cfi_endproc

	.globl	_ZN7cpython13_3cdynamic_3e13ssim_row_sumsB2v1B104c8tJTIeFIjxB2IKSgI4CrvQClYb5wBbdC9XqiUXJBeo6CurJ_2bXklRYnJJSB2YloeiCoCJqLi_2fGQQM6_2b4Sr1WExjURRAjNQE_3dE5ArrayIhLi3E1C7mutable7alignedE5ArrayIhLi3E1C7mutable7alignedEx5ArrayIdLi1E1C7mutable7alignedEdd5ArrayIxLi1E1C7mutable7alignedE5ArrayIdLi2E1C7mutable7alignedE
	.p2align	4
	.type	_ZN7cpython13_3cdynamic_3e13ssim_row_sumsB2v1B104c8tJTIeFIjxB2IKSgI4CrvQClYb5wBbdC9XqiUXJBeo6CurJ_2bXklRYnJJSB2YloeiCoCJqLi_2fGQQM6_2b4Sr1WExjURRAjNQE_3dE5ArrayIhLi3E1C7mutable7alignedE5ArrayIhLi3E1C7mutable7alignedEx5ArrayIdLi1E1C7mutable7alignedEdd5ArrayIxLi1E1C7mutable7alignedE5ArrayIdLi2E1C7mutable7alignedE,@function
_ZN7cpython13_3cdynamic_3e13ssim_row_sumsB2v1B104c8tJTIeFIjxB2IKSgI4CrvQClYb5wBbdC9XqiUXJBeo6CurJ_2bXklRYnJJSB2YloeiCoCJqLi_2fGQQM6_2b4Sr1WExjURRAjNQE_3dE5ArrayIhLi3E1C7mutable7alignedE5ArrayIhLi3E1C7mutable7alignedEx5ArrayIdLi1E1C7mutable7alignedEdd5ArrayIxLi1E1C7mutable7alignedE5ArrayIdLi2E1C7mutable7alignedE:
	.cfi_startproc
	pushq	%rbp
	.cfi_def_cfa_offset 16
	pushq	%r15
	.cfi_def_cfa_offset 24
	pushq	%r14
	.cfi_def_cfa_offset 32
	pushq	%r13
	.cfi_def_cfa_offset 40
	pushq	%r12
	.cfi_def_cfa_offset 48
	pushq	%rbx
	.cfi_def_cfa_offset 56
	subq	$600, %rsp
	.cfi_def_cfa_offset 656
	.cfi_offset %rbx, -56
	.cfi_offset %r12, -48
	.cfi_offset %r13, -40
	.cfi_offset %r14, -32
	.cfi_offset %r15, -24
	.cfi_offset %rbp, -16
	leaq	144(%rsp), %r10
	movq	%rsi, %rdi
	xorl	%ebx, %ebx
	leaq	152(%rsp), %r11
	leaq	160(%rsp), %r14
	leaq	168(%rsp), %r15
	leaq	176(%rsp), %r12
	leaq	184(%rsp), %r13
	movabsq	$.const.ssim_row_sums, %rsi
	movabsq	$PyArg_UnpackTuple, %rbp
	leaq	200(%rsp), %r8
	leaq	192(%rsp), %r9
	movl	$8, %edx
	movl	$8, %ecx
	xorl	%eax, %eax
	pushq	%r10
	.cfi_adjust_cfa_offset 8
	pushq	%r11
	.cfi_adjust_cfa_offset 8
	pushq	%r14
	.cfi_adjust_cfa_offset 8
	pushq	%r15
	.cfi_adjust_cfa_offset 8
	pushq	%r12
	.cfi_adjust_cfa_offset 8
	pushq	%r13
	.cfi_adjust_cfa_offset 8
	callq	*%rbp
	addq	$48, %rsp
	.cfi_adjust_cfa_offset -48
	vxorps	%xmm0, %xmm0, %xmm0
	vmovups	%ymm0, 272(%rsp)
	vmovups	%ymm0, 208(%rsp)
	vmovups	%ymm0, 296(%rsp)
	vmovups	%ymm0, 232(%rsp)
	vmovups	%ymm0, 336(%rsp)
	vmovups	%ymm0, 368(%rsp)
	movq	$0, 400(%rsp)
	movq	$0, 48(%rsp)
	testl	%eax, %eax
	je	.LBB1_18
	movabsq	$_ZN08NumbaEnv13_3cdynamic_3e13ssim_row_sumsB2v1B104c8tJTIeFIjxB2IKSgI4CrvQClYb5wBbdC9XqiUXJBeo6CurJ_2bXklRYnJJSB2YloeiCoCJqLi_2fGQQM6_2b4Sr1WExjURRAjNQE_3dE5ArrayIhLi3E1C7mutable7alignedE5ArrayIhLi3E1C7mutable7alignedEx5ArrayIdLi1E1C7mutable7alignedEdd5ArrayIxLi1E1C7mutable7alignedE5ArrayIdLi2E1C7mutable7alignedE, %rax
	cmpq	$0, (%rax)
	je	.LBB1_22
	movq	200(%rsp), %rdi
	movabsq	$NRT_adapt_ndarray_from_python, %rax
	leaq	512(%rsp), %rsi
	vmovups	%ymm0, 544(%rsp)
	vmovups	%ymm0, 512(%rsp)
	vmovups	%ymm0, 568(%rsp)
	vzeroupper
	callq	*%rax
	cmpq	$1, 536(%rsp)
	setne	%cl
	testl	%eax, %eax
	setne	%bl
	orb	%cl, %bl
	cmpb	$1, %bl
	je	.LBB1_24
	testb	%bl, %bl
	jne	.LBB1_25
.LBB1_4:
	movq	192(%rsp), %rdi
	movq	512(%rsp), %r14
	movq	544(%rsp), %r13
	movq	552(%rsp), %rbp
	movq	560(%rsp), %r15
	movq	568(%rsp), %r12
	leaq	416(%rsp), %rsi
	movabsq	$NRT_adapt_ndarray_from_python, %rax
	vxorps	%xmm0, %xmm0, %xmm0
	vmovups	%ymm0, 448(%rsp)
	vmovups	%ymm0, 416(%rsp)
	vmovups	%ymm0, 472(%rsp)
	vzeroupper
	callq	*%rax
	cmpq	$1, 440(%rsp)
	setne	%cl
	testl	%eax, %eax
	setne	%bl
	orb	%cl, %bl
	jne	.LBB1_26
	testb	%bl, %bl
	jne	.LBB1_33
.LBB1_6:
	movq	456(%rsp), %rcx
	movq	448(%rsp), %rax
	movq	464(%rsp), %rdx
	movq	184(%rsp), %rdi
	movq	416(%rsp), %rbx
	movq	%r12, 128(%rsp)
	movq	%r15, 136(%rsp)
	movq	%rcx, 112(%rsp)
	movq	472(%rsp), %rcx
	movq	%rax, 120(%rsp)
	movabsq	$PyNumber_Long, %rax
	movq	%rdx, 104(%rsp)
	movq	%rcx, 96(%rsp)
	callq	*%rax
	movabsq	$Py_DecRef, %r12
	movq	%rbp, 8(%rsp)
	testq	%rax, %rax
	je	.LBB1_27
	movabsq	$PyLong_AsLongLong, %rbp
	movq	%rax, %r15
	movq	%r15, %rdi
	callq	*%rbp
	movq	%r15, %rdi
	movq	%rax, 16(%rsp)
	callq	*%r12
	movabsq	$PyErr_Occurred, %rbp
	callq	*%rbp
	testq	%rax, %rax
	jne	.LBB1_32
.LBB1_8:
	movq	176(%rsp), %rdi
	leaq	272(%rsp), %rsi
	movabsq	$NRT_adapt_ndarray_from_python, %rax
	vxorps	%xmm0, %xmm0, %xmm0
	vmovups	%ymm0, 272(%rsp)
	vmovups	%ymm0, 296(%rsp)
	vzeroupper
	callq	*%rax
	testl	%eax, %eax
	jne	.LBB1_28
	cmpq	$8, 296(%rsp)
	jne	.LBB1_28
	movq	272(%rsp), %rax
	movq	304(%rsp), %rcx
	movq	168(%rsp), %rdi
	movq	%r14, 40(%rsp)
	movq	312(%rsp), %r14
	movq	%rbx, 32(%rsp)
	movabsq	$PyNumber_Float, %rbx
	movq	%r13, 88(%rsp)
	movq	%rax, 24(%rsp)
	movq	%rcx, 72(%rsp)
	callq	*%rbx
	movabsq	$PyFloat_AsDouble, %r15
	movq	%rax, %rdi
	movq	%rax, %r13
	callq	*%r15
	movq	%r13, %rdi
	vmovsd	%xmm0, 80(%rsp)
	callq	*%r12
	callq	*%rbp
	testq	%rax, %rax
	jne	.LBB1_31
	movq	160(%rsp), %rdi
	callq	*%rbx
	movq	%rax, %rdi
	movq	%rax, %r13
	callq	*%r15
	movq	%r13, %rdi
	vmovsd	%xmm0, 64(%rsp)
	callq	*%r12
	callq	*%rbp
	testq	%rax, %rax
	jne	.LBB1_31
	movq	152(%rsp), %rdi
	leaq	208(%rsp), %rsi
	movabsq	$NRT_adapt_ndarray_from_python, %rax
	vxorps	%xmm0, %xmm0, %xmm0
	vmovups	%ymm0, 208(%rsp)
	vmovups	%ymm0, 232(%rsp)
	vzeroupper
	callq	*%rax
	testl	%eax, %eax
	jne	.LBB1_29
	cmpq	$8, 232(%rsp)
	jne	.LBB1_29
	movq	144(%rsp), %rdi
	movq	208(%rsp), %rbp
	movq	240(%rsp), %r12
	movq	248(%rsp), %rbx
	leaq	336(%rsp), %rsi
	movabsq	$NRT_adapt_ndarray_from_python, %rax
	vxorps	%xmm0, %xmm0, %xmm0
	vmovups	%ymm0, 336(%rsp)
	vmovups	%ymm0, 368(%rsp)
	movq	$0, 400(%rsp)
	vzeroupper
	callq	*%rax
	testl	%eax, %eax
	jne	.LBB1_30
	cmpq	$8, 360(%rsp)
	jne	.LBB1_30
	vmovaps	368(%rsp), %xmm0
	movq	336(%rsp), %rcx
	movq	384(%rsp), %rax
	movq	%rcx, 56(%rsp)
	subq	$336, %rsp
	.cfi_adjust_cfa_offset 336
	movq	%rax, 312(%rsp)
	vmovups	%xmm0, 296(%rsp)
	movq	%r12, 240(%rsp)
	leaq	744(%rsp), %rdi
	movq	%rbx, 248(%rsp)
	movq	%r14, 192(%rsp)
	movq	%rcx, 264(%rsp)
	movq	%rbp, 208(%rsp)
	movq	352(%rsp), %rdx
	movq	432(%rsp), %rsi
	vmovsd	416(%rsp), %xmm0
	vmovsd	400(%rsp), %xmm1
	movq	408(%rsp), %rax
	movq	360(%rsp), %r13
	movq	368(%rsp), %r12
	movq	376(%rsp), %r15
	movq	%rdx, 144(%rsp)
	movq	440(%rsp), %rdx
	movq	%rsi, 112(%rsp)
	movq	448(%rsp), %rsi
	movq	%rax, 184(%rsp)
	movabsq	$_ZN13_3cdynamic_3e13ssim_row_sumsB2v1B104c8tJTIeFIjxB2IKSgI4CrvQClYb5wBbdC9XqiUXJBeo6CurJ_2bXklRYnJJSB2YloeiCoCJqLi_2fGQQM6_2b4Sr1WExjURRAjNQE_3dE5ArrayIhLi3E1C7mutable7alignedE5ArrayIhLi3E1C7mutable7alignedEx5ArrayIdLi1E1C7mutable7alignedEdd5ArrayIxLi1E1C7mutable7alignedE5ArrayIdLi2E1C7mutable7alignedE, %rax
	movq	%r13, 152(%rsp)
	movq	%r12, 56(%rsp)
	movq	%rdx, 104(%rsp)
	movq	456(%rsp), %rdx
	movq	%rsi, 96(%rsp)
	movq	464(%rsp), %rsi
	movq	%rdx, 88(%rsp)
	movq	472(%rsp), %rdx
	movq	%rsi, 24(%rsp)
	movq	344(%rsp), %rsi
	movq	%rdx, 16(%rsp)
	movq	424(%rsp), %rdx
	movq	%rsi, 8(%rsp)
	leaq	384(%rsp), %rsi
	movq	%rdx, (%rsp)
	movq	%r15, %rdx
	callq	*%rax
	addq	$336, %rsp
	.cfi_adjust_cfa_offset -336
	movq	48(%rsp), %rcx
	movabsq	$NRT_decref, %r14
	movq	%r15, %rdi
	movl	%eax, %ebx
	movq	%rcx, 8(%rsp)
	callq	*%r14
	movq	%r12, %rdi
	callq	*%r14
	movq	%r13, %rdi
	callq	*%r14
	movq	%rbp, %rdi
	callq	*%r14
	movq	56(%rsp), %rdi
	callq	*%r14
	testl	%ebx, %ebx
	jne	.LBB1_19
	movabsq	$_Py_NoneStruct, %rbx
	movabsq	$Py_IncRef, %rax
	movq	%rbx, %rdi
	callq	*%rax
.LBB1_18:
	movq	%rbx, %rax
	addq	$600, %rsp
	.cfi_def_cfa_offset 56
	popq	%rbx
	.cfi_def_cfa_offset 48
	popq	%r12
	.cfi_def_cfa_offset 40
	popq	%r13
	.cfi_def_cfa_offset 32
	popq	%r14
	.cfi_def_cfa_offset 24
	popq	%r15
	.cfi_def_cfa_offset 16
	popq	%rbp
	.cfi_def_cfa_offset 8
	vzeroupper
	retq
.LBB1_19:
	.cfi_def_cfa_offset 656
	movabsq	$PyErr_Clear, %rax
	callq	*%rax
	movq	8(%rsp), %r14
	movl	8(%r14), %esi
	movq	(%r14), %rdi
	cmpl	$0, 32(%r14)
	jle	.LBB1_34
	movslq	%esi, %rsi
	movabsq	$PyBytes_FromStringAndSize, %rax
	callq	*%rax
	movq	16(%r14), %rdi
	movq	%rax, %rbx
	callq	*24(%r14)
	testq	%rax, %rax
	je	.LBB1_39
	movabsq	$numba_runtime_build_excinfo_struct, %rcx
	movq	%rbx, %rdi
	movq	%rax, %rsi
	callq	*%rcx
	movabsq	$NRT_Free, %r15
	movq	%r14, %rdi
	movq	%rax, %rbx
	callq	*%r15
	jmp	.LBB1_35
.LBB1_22:
	movabsq	$PyExc_RuntimeError, %rdi
	movabsq	$".const.missing Environment: _ZN08NumbaEnv13_3cdynamic_3e13ssim_row_sumsB2v1B104c8tJTIeFIjxB2IKSgI4CrvQClYb5wBbdC9XqiUXJBeo6CurJ_2bXklRYnJJSB2YloeiCoCJqLi_2fGQQM6_2b4Sr1WExjURRAjNQE_3dE5ArrayIhLi3E1C7mutable7alignedE5ArrayIhLi3E1C7mutable7alignedEx5ArrayIdLi1E1C7mutable7alignedEdd5ArrayIxLi1E1C7mutable7alignedE5ArrayIdLi2E1C7mutable7alignedE", %rsi
.LBB1_23:
	movabsq	$PyErr_SetString, %rax
	vzeroupper
	callq	*%rax
	xorl	%ebx, %ebx
	jmp	.LBB1_18
.LBB1_24:
	movabsq	$PyExc_TypeError, %rdi
	movabsq	$".const.can't unbox array from PyObject into native value.  The object maybe of a different type", %rsi
	movabsq	$PyErr_SetString, %rax
	callq	*%rax
	testb	%bl, %bl
	je	.LBB1_4
	jmp	.LBB1_25
.LBB1_26:
	movabsq	$PyExc_TypeError, %rdi
	movabsq	$".const.can't unbox array from PyObject into native value.  The object maybe of a different type", %rsi
	movabsq	$PyErr_SetString, %rax
	callq	*%rax
	testb	%bl, %bl
	je	.LBB1_6
	jmp	.LBB1_33
.LBB1_27:
	movq	$0, 16(%rsp)
	movabsq	$PyErr_Occurred, %rbp
	callq	*%rbp
	testq	%rax, %rax
	je	.LBB1_8
	jmp	.LBB1_32
.LBB1_28:
	movabsq	$PyExc_TypeError, %rdi
	movabsq	$".const.can't unbox array from PyObject into native value.  The object maybe of a different type", %rsi
	movabsq	$PyErr_SetString, %rax
	callq	*%rax
	jmp	.LBB1_32
.LBB1_29:
	movabsq	$PyExc_TypeError, %rdi
	movabsq	$".const.can't unbox array from PyObject into native value.  The object maybe of a different type", %rsi
	movabsq	$PyErr_SetString, %rax
	callq	*%rax
	jmp	.LBB1_31
.LBB1_30:
	movabsq	$PyExc_TypeError, %rdi
	movabsq	$".const.can't unbox array from PyObject into native value.  The object maybe of a different type", %rsi
	movabsq	$PyErr_SetString, %rax
	callq	*%rax
	movabsq	$NRT_decref, %rax
	movq	%rbp, %rdi
	callq	*%rax
.LBB1_31:
	movq	24(%rsp), %rdi
	movabsq	$NRT_decref, %rax
	callq	*%rax
	movq	40(%rsp), %r14
	movq	32(%rsp), %rbx
.LBB1_32:
	movabsq	$NRT_decref, %rax
	movq	%rbx, %rdi
	callq	*%rax
.LBB1_33:
	movabsq	$NRT_decref, %rax
	movq	%r14, %rdi
	jmp	.LBB1_37
.LBB1_34:
	movq	16(%r14), %rdx
	movabsq	$numba_unpickle, %rax
	callq	*%rax
	movq	%rax, %rbx
.LBB1_35:
	testq	%rbx, %rbx
	je	.LBB1_25
	movabsq	$numba_do_raise, %rax
	movq	%rbx, %rdi
.LBB1_37:
	callq	*%rax
.LBB1_25:
	xorl	%ebx, %ebx
	jmp	.LBB1_18
.LBB1_39:
	movabsq	$PyExc_RuntimeError, %rdi
	movabsq	$".const.Error creating Python tuple from runtime exception arguments", %rsi
	jmp	.LBB1_23
.Lfunc_end1:
	.size	_ZN7cpython13_3cdynamic_3e13ssim_row_sumsB2v1B104c8tJTIeFIjxB2IKSgI4CrvQClYb5wBbdC9XqiUXJBeo6CurJ_2bXklRYnJJSB2YloeiCoCJqLi_2fGQQM6_2b4Sr1WExjURRAjNQE_3dE5ArrayIhLi3E1C7mutable7alignedE5ArrayIhLi3E1C7mutable7alignedEx5ArrayIdLi1E1C7mutable7alignedEdd5ArrayIxLi1E1C7mutable7alignedE5ArrayIdLi2E1C7mutable7alignedE, .Lfunc_end1-_ZN7cpython13_3cdynamic_3e13ssim_row_sumsB2v1B104c8tJTIeFIjxB2IKSgI4CrvQClYb5wBbdC9XqiUXJBeo6CurJ_2bXklRYnJJSB2YloeiCoCJqLi_2fGQQM6_2b4Sr1WExjURRAjNQE_3dE5ArrayIhLi3E1C7mutable7alignedE5ArrayIhLi3E1C7mutable7alignedEx5ArrayIdLi1E1C7mutable7alignedEdd5ArrayIxLi1E1C7mutable7alignedE5ArrayIdLi2E1C7mutable7alignedE
	.cfi_endproc

	.globl	cfunc._ZN13_3cdynamic_3e13ssim_row_sumsB2v1B104c8tJTIeFIjxB2IKSgI4CrvQClYb5wBbdC9XqiUXJBeo6CurJ_2bXklRYnJJSB2YloeiCoCJqLi_2fGQQM6_2b4Sr1WExjURRAjNQE_3dE5ArrayIhLi3E1C7mutable7alignedE5ArrayIhLi3E1C7mutable7alignedEx5ArrayIdLi1E1C7mutable7alignedEdd5ArrayIxLi1E1C7mutable7alignedE5ArrayIdLi2E1C7mutable7alignedE
	.p2align	4
	.type	cfunc._ZN13_3cdynamic_3e13ssim_row_sumsB2v1B104c8tJTIeFIjxB2IKSgI4CrvQClYb5wBbdC9XqiUXJBeo6CurJ_2bXklRYnJJSB2YloeiCoCJqLi_2fGQQM6_2b4Sr1WExjURRAjNQE_3dE5ArrayIhLi3E1C7mutable7alignedE5ArrayIhLi3E1C7mutable7alignedEx5ArrayIdLi1E1C7mutable7alignedEdd5ArrayIxLi1E1C7mutable7alignedE5ArrayIdLi2E1C7mutable7alignedE,@function
cfunc._ZN13_3cdynamic_3e13ssim_row_sumsB2v1B104c8tJTIeFIjxB2IKSgI4CrvQClYb5wBbdC9XqiUXJBeo6CurJ_2bXklRYnJJSB2YloeiCoCJqLi_2fGQQM6_2b4Sr1WExjURRAjNQE_3dE5ArrayIhLi3E1C7mutable7alignedE5ArrayIhLi3E1C7mutable7alignedEx5ArrayIdLi1E1C7mutable7alignedEdd5ArrayIxLi1E1C7mutable7alignedE5ArrayIdLi2E1C7mutable7alignedE:
	.cfi_startproc
	pushq	%r15
	.cfi_def_cfa_offset 16
	pushq	%r14
	.cfi_def_cfa_offset 24
	pushq	%rbx
	.cfi_def_cfa_offset 32
	subq	$368, %rsp
	.cfi_def_cfa_offset 400
	.cfi_offset %rbx, -32
	.cfi_offset %r14, -24
	.cfi_offset %r15, -16
	vmovups	472(%rsp), %ymm3
	vmovaps	528(%rsp), %xmm4
	vmovups	568(%rsp), %xmm5
	vmovaps	624(%rsp), %xmm6
	vmovups	680(%rsp), %xmm7
	vmovaps	400(%rsp), %xmm2
	movq	%rdi, %rdx
	movq	696(%rsp), %rdi
	movq	440(%rsp), %rax
	movq	592(%rsp), %rcx
	movq	648(%rsp), %rsi
	movq	$0, 360(%rsp)
	movq	$0, 352(%rsp)
	movq	%rdi, 312(%rsp)
	leaq	360(%rsp), %rdi
	vmovups	%xmm7, 296(%rsp)
	movq	%rsi, 264(%rsp)
	vmovups	%xmm6, 240(%rsp)
	movq	%rcx, 208(%rsp)
	vmovups	%xmm5, 184(%rsp)
	vmovups	%xmm4, 144(%rsp)
	vmovups	%ymm3, 88(%rsp)
	movq	%rax, 56(%rsp)
	movabsq	$_ZN13_3cdynamic_3e13ssim_row_sumsB2v1B104c8tJTIeFIjxB2IKSgI4CrvQClYb5wBbdC9XqiUXJBeo6CurJ_2bXklRYnJJSB2YloeiCoCJqLi_2fGQQM6_2b4Sr1WExjURRAjNQE_3dE5ArrayIhLi3E1C7mutable7alignedE5ArrayIhLi3E1C7mutable7alignedEx5ArrayIdLi1E1C7mutable7alignedEdd5ArrayIxLi1E1C7mutable7alignedE5ArrayIdLi2E1C7mutable7alignedE, %rax
	leaq	352(%rsp), %rsi
	vmovups	%xmm2, 16(%rsp)
	movq	%r9, 8(%rsp)
	movq	%r8, (%rsp)
	vzeroupper
	callq	*%rax
	movl	%eax, %ecx
	movq	352(%rsp), %rbx
	movq	360(%rsp), %rax
	movl	$0, 348(%rsp)
	testl	%ecx, %ecx
	jne	.LBB2_1
.LBB2_7:
	addq	$368, %rsp
	.cfi_def_cfa_offset 32
	popq	%rbx
	.cfi_def_cfa_offset 24
	popq	%r14
	.cfi_def_cfa_offset 16
	popq	%r15
	.cfi_def_cfa_offset 8
	retq
.LBB2_1:
	.cfi_def_cfa_offset 400
	movabsq	$numba_gil_ensure, %r14
	leaq	348(%rsp), %rdi
	movq	%rax, %r15
	callq	*%r14
	movabsq	$PyErr_Clear, %rax
	callq	*%rax
	movl	8(%rbx), %esi
	movq	(%rbx), %rdi
	cmpl	$0, 32(%rbx)
	jle	.LBB2_4
	movslq	%esi, %rsi
	movabsq	$PyBytes_FromStringAndSize, %rax
	callq	*%rax
	movq	16(%rbx), %rdi
	movq	%rax, %r14
	callq	*24(%rbx)
	testq	%rax, %rax
	je	.LBB2_3
	movabsq	$numba_runtime_build_excinfo_struct, %rcx
	movq	%r14, %rdi
	movq	%rax, %rsi
	callq	*%rcx
	movq	%rax, %r14
	movabsq	$NRT_Free, %rax
	movq	%rbx, %rdi
	callq	*%rax
	jmp	.LBB2_5
.LBB2_4:
	movq	16(%rbx), %rdx
	movabsq	$numba_unpickle, %rax
	callq	*%rax
	movq	%rax, %r14
.LBB2_5:
	testq	%r14, %r14
	je	.LBB2_6
	movabsq	$numba_do_raise, %rax
	movq	%r14, %rdi
	callq	*%rax
.LBB2_6:
	movabsq	$".const.<numba.core.cpu.CPUContext>", %rdi
	movabsq	$PyUnicode_FromString, %rax
	callq	*%rax
	movabsq	$PyErr_WriteUnraisable, %r14
	movq	%rax, %rbx
	movq	%rbx, %rdi
	callq	*%r14
	movabsq	$Py_DecRef, %rax
	movq	%rbx, %rdi
	callq	*%rax
	movabsq	$numba_gil_release, %rax
	leaq	348(%rsp), %rdi
	callq	*%rax
	movq	%r15, %rax
	jmp	.LBB2_7
.LBB2_3:
	movabsq	$PyExc_RuntimeError, %rdi
	movabsq	$".const.Error creating Python tuple from runtime exception arguments.1", %rsi
	movabsq	$PyErr_SetString, %rax
	callq	*%rax
	xorl	%eax, %eax
	jmp	.LBB2_7
.Lfunc_end2:
	.size	cfunc._ZN13_3cdynamic_3e13ssim_row_sumsB2v1B104c8tJTIeFIjxB2IKSgI4CrvQClYb5wBbdC9XqiUXJBeo6CurJ_2bXklRYnJJSB2YloeiCoCJqLi_2fGQQM6_2b4Sr1WExjURRAjNQE_3dE5ArrayIhLi3E1C7mutable7alignedE5ArrayIhLi3E1C7mutable7alignedEx5ArrayIdLi1E1C7mutable7alignedEdd5ArrayIxLi1E1C7mutable7alignedE5ArrayIdLi2E1C7mutable7alignedE, .Lfunc_end2-cfunc._ZN13_3cdynamic_3e13ssim_row_sumsB2v1B104c8tJTIeFIjxB2IKSgI4CrvQClYb5wBbdC9XqiUXJBeo6CurJ_2bXklRYnJJSB2YloeiCoCJqLi_2fGQQM6_2b4Sr1WExjURRAjNQE_3dE5ArrayIhLi3E1C7mutable7alignedE5ArrayIhLi3E1C7mutable7alignedEx5ArrayIdLi1E1C7mutable7alignedEdd5ArrayIxLi1E1C7mutable7alignedE5ArrayIdLi2E1C7mutable7alignedE
	.cfi_endproc

	.weak	NRT_incref
	.p2align	4
	.type	NRT_incref,@function
NRT_incref:
	testq	%rdi, %rdi
	je	.LBB3_2
	lock		incq	(%rdi)
.LBB3_2:
	retq
.Lfunc_end3:
	.size	NRT_incref, .Lfunc_end3-NRT_incref

	.weak	NRT_decref
	.p2align	4
	.type	NRT_decref,@function
NRT_decref:
	.cfi_startproc
	testq	%rdi, %rdi
	je	.LBB4_2
	#MEMBARRIER
	lock		decq	(%rdi)
	je	.LBB4_3
.LBB4_2:
	retq
.LBB4_3:
	movabsq	$NRT_MemInfo_call_dtor, %rax
	#MEMBARRIER
	jmpq	*%rax
.Lfunc_end4:
	.size	NRT_decref, .Lfunc_end4-NRT_decref
	.cfi_endproc

	.type	.const.pickledata.ffb24196e71d4d5274d7295bceca009ea25a5f9d,@object
	.section	.lrodata,"al",@progbits
	.p2align	4, 0x0
.const.pickledata.ffb24196e71d4d5274d7295bceca009ea25a5f9d:
	.ascii	"\200\004\225@\000\000\000\000\000\000\000\214\bbuiltins\224\214\021ZeroDivisionError\224\223\224\214\026integer modulo by zero\224\205\224N\207\224."
	.size	.const.pickledata.ffb24196e71d4d5274d7295bceca009ea25a5f9d, 75

	.type	.const.pickledata.ffb24196e71d4d5274d7295bceca009ea25a5f9d.sha1,@object
	.p2align	4, 0x0
.const.pickledata.ffb24196e71d4d5274d7295bceca009ea25a5f9d.sha1:
	.ascii	"\377\262A\226\347\035MRt\327)[\316\312\000\236\242Z_\235"
	.size	.const.pickledata.ffb24196e71d4d5274d7295bceca009ea25a5f9d.sha1, 20

	.type	.const.picklebuf.ffb24196e71d4d5274d7295bceca009ea25a5f9d,@object
	.p2align	4, 0x0
.const.picklebuf.ffb24196e71d4d5274d7295bceca009ea25a5f9d:
	.quad	.const.pickledata.ffb24196e71d4d5274d7295bceca009ea25a5f9d
	.long	75
	.zero	4
	.quad	.const.pickledata.ffb24196e71d4d5274d7295bceca009ea25a5f9d.sha1
	.quad	0
	.long	0
	.zero	4
	.size	.const.picklebuf.ffb24196e71d4d5274d7295bceca009ea25a5f9d, 40

	.type	.const.pickledata.b28008a0f88bad5ff0f0243e84dab90cab19b366,@object
	.p2align	4, 0x0
.const.pickledata.b28008a0f88bad5ff0f0243e84dab90cab19b366:
	.ascii	"\200\004\225:\000\000\000\000\000\000\000\214\bbuiltins\224\214\021ZeroDivisionError\224\223\224\214\020division by zero\224\205\224N\207\224."
	.size	.const.pickledata.b28008a0f88bad5ff0f0243e84dab90cab19b366, 69

	.type	.const.pickledata.b28008a0f88bad5ff0f0243e84dab90cab19b366.sha1,@object
	.p2align	4, 0x0
.const.pickledata.b28008a0f88bad5ff0f0243e84dab90cab19b366.sha1:
	.ascii	"\262\200\b\240\370\213\255_\360\360$>\204\332\271\f\253\031\263f"
	.size	.const.pickledata.b28008a0f88bad5ff0f0243e84dab90cab19b366.sha1, 20

	.type	.const.picklebuf.b28008a0f88bad5ff0f0243e84dab90cab19b366,@object
	.p2align	4, 0x0
.const.picklebuf.b28008a0f88bad5ff0f0243e84dab90cab19b366:
	.quad	.const.pickledata.b28008a0f88bad5ff0f0243e84dab90cab19b366
	.long	69
	.zero	4
	.quad	.const.pickledata.b28008a0f88bad5ff0f0243e84dab90cab19b366.sha1
	.quad	0
	.long	0
	.zero	4
	.size	.const.picklebuf.b28008a0f88bad5ff0f0243e84dab90cab19b366, 40

	.type	.const.ssim_row_sums,@object
.const.ssim_row_sums:
	.asciz	"ssim_row_sums"
	.size	.const.ssim_row_sums, 14

	.type	_ZN08NumbaEnv13_3cdynamic_3e13ssim_row_sumsB2v1B104c8tJTIeFIjxB2IKSgI4CrvQClYb5wBbdC9XqiUXJBeo6CurJ_2bXklRYnJJSB2YloeiCoCJqLi_2fGQQM6_2b4Sr1WExjURRAjNQE_3dE5ArrayIhLi3E1C7mutable7alignedE5ArrayIhLi3E1C7mutable7alignedEx5ArrayIdLi1E1C7mutable7alignedEdd5ArrayIxLi1E1C7mutable7alignedE5ArrayIdLi2E1C7mutable7alignedE,@object
	.comm	_ZN08NumbaEnv13_3cdynamic_3e13ssim_row_sumsB2v1B104c8tJTIeFIjxB2IKSgI4CrvQClYb5wBbdC9XqiUXJBeo6CurJ_2bXklRYnJJSB2YloeiCoCJqLi_2fGQQM6_2b4Sr1WExjURRAjNQE_3dE5ArrayIhLi3E1C7mutable7alignedE5ArrayIhLi3E1C7mutable7alignedEx5ArrayIdLi1E1C7mutable7alignedEdd5ArrayIxLi1E1C7mutable7alignedE5ArrayIdLi2E1C7mutable7alignedE,8,8
	.type	".const.missing Environment: _ZN08NumbaEnv13_3cdynamic_3e13ssim_row_sumsB2v1B104c8tJTIeFIjxB2IKSgI4CrvQClYb5wBbdC9XqiUXJBeo6CurJ_2bXklRYnJJSB2YloeiCoCJqLi_2fGQQM6_2b4Sr1WExjURRAjNQE_3dE5ArrayIhLi3E1C7mutable7alignedE5ArrayIhLi3E1C7mutable7alignedEx5ArrayIdLi1E1C7mutable7alignedEdd5ArrayIxLi1E1C7mutable7alignedE5ArrayIdLi2E1C7mutable7alignedE",@object
	.p2align	4, 0x0
".const.missing Environment: _ZN08NumbaEnv13_3cdynamic_3e13ssim_row_sumsB2v1B104c8tJTIeFIjxB2IKSgI4CrvQClYb5wBbdC9XqiUXJBeo6CurJ_2bXklRYnJJSB2YloeiCoCJqLi_2fGQQM6_2b4Sr1WExjURRAjNQE_3dE5ArrayIhLi3E1C7mutable7alignedE5ArrayIhLi3E1C7mutable7alignedEx5ArrayIdLi1E1C7mutable7alignedEdd5ArrayIxLi1E1C7mutable7alignedE5ArrayIdLi2E1C7mutable7alignedE":
	.asciz	"missing Environment: _ZN08NumbaEnv13_3cdynamic_3e13ssim_row_sumsB2v1B104c8tJTIeFIjxB2IKSgI4CrvQClYb5wBbdC9XqiUXJBeo6CurJ_2bXklRYnJJSB2YloeiCoCJqLi_2fGQQM6_2b4Sr1WExjURRAjNQE_3dE5ArrayIhLi3E1C7mutable7alignedE5ArrayIhLi3E1C7mutable7alignedEx5ArrayIdLi1E1C7mutable7alignedEdd5ArrayIxLi1E1C7mutable7alignedE5ArrayIdLi2E1C7mutable7alignedE"
	.size	".const.missing Environment: _ZN08NumbaEnv13_3cdynamic_3e13ssim_row_sumsB2v1B104c8tJTIeFIjxB2IKSgI4CrvQClYb5wBbdC9XqiUXJBeo6CurJ_2bXklRYnJJSB2YloeiCoCJqLi_2fGQQM6_2b4Sr1WExjURRAjNQE_3dE5ArrayIhLi3E1C7mutable7alignedE5ArrayIhLi3E1C7mutable7alignedEx5ArrayIdLi1E1C7mutable7alignedEdd5ArrayIxLi1E1C7mutable7alignedE5ArrayIdLi2E1C7mutable7alignedE", 336

	.type	".const.can't unbox array from PyObject into native value.  The object maybe of a different type",@object
	.p2align	4, 0x0
".const.can't unbox array from PyObject into native value.  The object maybe of a different type":
	.asciz	"can't unbox array from PyObject into native value.  The object maybe of a different type"
	.size	".const.can't unbox array from PyObject into native value.  The object maybe of a different type", 89

	.type	".const.Error creating Python tuple from runtime exception arguments",@object
	.p2align	4, 0x0
".const.Error creating Python tuple from runtime exception arguments":
	.asciz	"Error creating Python tuple from runtime exception arguments"
	.size	".const.Error creating Python tuple from runtime exception arguments", 61

	.type	".const.Error creating Python tuple from runtime exception arguments.1",@object
	.p2align	4, 0x0
".const.Error creating Python tuple from runtime exception arguments.1":
	.asciz	"Error creating Python tuple from runtime exception arguments"
	.size	".const.Error creating Python tuple from runtime exception arguments.1", 61

	.type	".const.<numba.core.cpu.CPUContext>",@object
	.p2align	4, 0x0
".const.<numba.core.cpu.CPUContext>":
	.asciz	"<numba.core.cpu.CPUContext>"
	.size	".const.<numba.core.cpu.CPUContext>", 28

	.type	_ZN08NumbaEnv5numba2np8arrayobj11ol_np_empty12_3clocals_3e4implB2v2B112c8tJTIeFIjxB2IKSgI4CrvQClYb5wBbdC9XqiUXJBeo6CurJ_2bXklRYnJJSB2YloeiCoCJqLi_2fGQQM6_2b4Sr1WExjUGIkBagMwMMEsTQA_3dE8UniTupleIxLi2EE18class_28float64_29,@object
	.comm	_ZN08NumbaEnv5numba2np8arrayobj11ol_np_empty12_3clocals_3e4implB2v2B112c8tJTIeFIjxB2IKSgI4CrvQClYb5wBbdC9XqiUXJBeo6CurJ_2bXklRYnJJSB2YloeiCoCJqLi_2fGQQM6_2b4Sr1WExjUGIkBagMwMMEsTQA_3dE8UniTupleIxLi2EE18class_28float64_29,8,8
	.type	.const.pickledata.331b8563bdb9dac81b38422273052c486fc1706b,@object
	.p2align	4, 0x0
.const.pickledata.331b8563bdb9dac81b38422273052c486fc1706b:
	.ascii	"\200\004\225B\000\000\000\000\000\000\000\214\bbuiltins\224\214\nValueError\224\223\224\214\037negative dimensions not allowed\224\205\224N\207\224."
	.size	.const.pickledata.331b8563bdb9dac81b38422273052c486fc1706b, 77

	.type	.const.pickledata.331b8563bdb9dac81b38422273052c486fc1706b.sha1,@object
	.p2align	4, 0x0
.const.pickledata.331b8563bdb9dac81b38422273052c486fc1706b.sha1:
	.ascii	"3\033\205c\275\271\332\310\0338B\"s\005,Ho\301pk"
	.size	.const.pickledata.331b8563bdb9dac81b38422273052c486fc1706b.sha1, 20

	.type	.const.picklebuf.331b8563bdb9dac81b38422273052c486fc1706b,@object
	.p2align	4, 0x0
.const.picklebuf.331b8563bdb9dac81b38422273052c486fc1706b:
	.quad	.const.pickledata.331b8563bdb9dac81b38422273052c486fc1706b
	.long	77
	.zero	4
	.quad	.const.pickledata.331b8563bdb9dac81b38422273052c486fc1706b.sha1
	.quad	0
	.long	0
	.zero	4
	.size	.const.picklebuf.331b8563bdb9dac81b38422273052c486fc1706b, 40

	.type	.const.pickledata.58e14eccb507b1e0206981740223e685cb8c3c57,@object
	.p2align	4, 0x0
.const.pickledata.58e14eccb507b1e0206981740223e685cb8c3c57:
	.ascii	"\200\004\225~\000\000\000\000\000\000\000\214\bbuiltins\224\214\nValueError\224\223\224\214[array is too big; `arr.size * arr.dtype.itemsize` is larger than the maximum possible size.\224\205\224N\207\224."
	.size	.const.pickledata.58e14eccb507b1e0206981740223e685cb8c3c57, 137

	.type	.const.pickledata.58e14eccb507b1e0206981740223e685cb8c3c57.sha1,@object
	.p2align	4, 0x0
.const.pickledata.58e14eccb507b1e0206981740223e685cb8c3c57.sha1:
	.ascii	"X\341N\314\265\007\261\340 i\201t\002#\346\205\313\214<W"
	.size	.const.pickledata.58e14eccb507b1e0206981740223e685cb8c3c57.sha1, 20

	.type	.const.picklebuf.58e14eccb507b1e0206981740223e685cb8c3c57,@object
	.p2align	4, 0x0
.const.picklebuf.58e14eccb507b1e0206981740223e685cb8c3c57:
	.quad	.const.pickledata.58e14eccb507b1e0206981740223e685cb8c3c57
	.long	137
	.zero	4
	.quad	.const.pickledata.58e14eccb507b1e0206981740223e685cb8c3c57.sha1
	.quad	0
	.long	0
	.zero	4
	.size	.const.picklebuf.58e14eccb507b1e0206981740223e685cb8c3c57, 40

	.type	.const.pickledata.ba289d81f05c7020f3477c15734804df65abe209,@object
	.p2align	4, 0x0
.const.pickledata.ba289d81f05c7020f3477c15734804df65abe209:
	.ascii	"\200\004\225K\000\000\000\000\000\000\000\214\bbuiltins\224\214\013MemoryError\224\223\224\214'Allocation failed (probably too large).\224\205\224N\207\224."
	.size	.const.pickledata.ba289d81f05c7020f3477c15734804df65abe209, 86

	.type	.const.pickledata.ba289d81f05c7020f3477c15734804df65abe209.sha1,@object
	.p2align	4, 0x0
.const.pickledata.ba289d81f05c7020f3477c15734804df65abe209.sha1:
	.ascii	"\272(\235\201\360\\p \363G|\025sH\004\337e\253\342\t"
	.size	.const.pickledata.ba289d81f05c7020f3477c15734804df65abe209.sha1, 20

	.type	.const.picklebuf.ba289d81f05c7020f3477c15734804df65abe209,@object
	.p2align	4, 0x0
.const.picklebuf.ba289d81f05c7020f3477c15734804df65abe209:
	.quad	.const.pickledata.ba289d81f05c7020f3477c15734804df65abe209
	.long	86
	.zero	4
	.quad	.const.pickledata.ba289d81f05c7020f3477c15734804df65abe209.sha1
	.quad	0
	.long	0
	.zero	4
	.size	.const.picklebuf.ba289d81f05c7020f3477c15734804df65abe209, 40

	.type	_ZN08NumbaEnv5numba2np8arrayobj11ol_np_empty12_3clocals_3e4implB2v5B112c8tJTIeFIjxB2IKSgI4CrvQClYb5wBbdC9XqiUXJBeo6CurJ_2bXklRYnJJSB2YloeiCoCJqLi_2fGQQM6_2b4Sr1WExjUGIkBagMwMMEsTQA_3dE8UniTupleIxLi3EE18class_28float64_29,@object
	.comm	_ZN08NumbaEnv5numba2np8arrayobj11ol_np_empty12_3clocals_3e4implB2v5B112c8tJTIeFIjxB2IKSgI4CrvQClYb5wBbdC9XqiUXJBeo6CurJ_2bXklRYnJJSB2YloeiCoCJqLi_2fGQQM6_2b4Sr1WExjUGIkBagMwMMEsTQA_3dE8UniTupleIxLi3EE18class_28float64_29,8,8
	.type	.const.pickledata.331b8563bdb9dac81b38422273052c486fc1706b.14,@object
	.p2align	4, 0x0
.const.pickledata.331b8563bdb9dac81b38422273052c486fc1706b.14:
	.ascii	"\200\004\225B\000\000\000\000\000\000\000\214\bbuiltins\224\214\nValueError\224\223\224\214\037negative dimensions not allowed\224\205\224N\207\224."
	.size	.const.pickledata.331b8563bdb9dac81b38422273052c486fc1706b.14, 77

	.type	.const.pickledata.331b8563bdb9dac81b38422273052c486fc1706b.sha1.15,@object
	.p2align	4, 0x0
.const.pickledata.331b8563bdb9dac81b38422273052c486fc1706b.sha1.15:
	.ascii	"3\033\205c\275\271\332\310\0338B\"s\005,Ho\301pk"
	.size	.const.pickledata.331b8563bdb9dac81b38422273052c486fc1706b.sha1.15, 20

	.type	.const.picklebuf.331b8563bdb9dac81b38422273052c486fc1706b.7,@object
	.p2align	4, 0x0
.const.picklebuf.331b8563bdb9dac81b38422273052c486fc1706b.7:
	.quad	.const.pickledata.331b8563bdb9dac81b38422273052c486fc1706b.14
	.long	77
	.zero	4
	.quad	.const.pickledata.331b8563bdb9dac81b38422273052c486fc1706b.sha1.15
	.quad	0
	.long	0
	.zero	4
	.size	.const.picklebuf.331b8563bdb9dac81b38422273052c486fc1706b.7, 40

	.type	.const.pickledata.58e14eccb507b1e0206981740223e685cb8c3c57.12,@object
	.p2align	4, 0x0
.const.pickledata.58e14eccb507b1e0206981740223e685cb8c3c57.12:
	.ascii	"\200\004\225~\000\000\000\000\000\000\000\214\bbuiltins\224\214\nValueError\224\223\224\214[array is too big; `arr.size * arr.dtype.itemsize` is larger than the maximum possible size.\224\205\224N\207\224."
	.size	.const.pickledata.58e14eccb507b1e0206981740223e685cb8c3c57.12, 137

	.type	.const.pickledata.58e14eccb507b1e0206981740223e685cb8c3c57.sha1.13,@object
	.p2align	4, 0x0
.const.pickledata.58e14eccb507b1e0206981740223e685cb8c3c57.sha1.13:
	.ascii	"X\341N\314\265\007\261\340 i\201t\002#\346\205\313\214<W"
	.size	.const.pickledata.58e14eccb507b1e0206981740223e685cb8c3c57.sha1.13, 20

	.type	.const.picklebuf.58e14eccb507b1e0206981740223e685cb8c3c57.8,@object
	.p2align	4, 0x0
.const.picklebuf.58e14eccb507b1e0206981740223e685cb8c3c57.8:
	.quad	.const.pickledata.58e14eccb507b1e0206981740223e685cb8c3c57.12
	.long	137
	.zero	4
	.quad	.const.pickledata.58e14eccb507b1e0206981740223e685cb8c3c57.sha1.13
	.quad	0
	.long	0
	.zero	4
	.size	.const.picklebuf.58e14eccb507b1e0206981740223e685cb8c3c57.8, 40

	.type	_ZN08NumbaEnv5numba2np8arrayobj15_call_allocatorB2v3B42c8tJTC_2fWQA93W1AaAIYBPIqRBFCjDSZRVAJmaQIAEN29typeref_5b_3cclass_20_27numba4core5types8npytypes14Array_27_3e_5dExj,@object
	.comm	_ZN08NumbaEnv5numba2np8arrayobj15_call_allocatorB2v3B42c8tJTC_2fWQA93W1AaAIYBPIqRBFCjDSZRVAJmaQIAEN29typeref_5b_3cclass_20_27numba4core5types8npytypes14Array_27_3e_5dExj,8,8
	.type	_ZN08NumbaEnv5numba2np8arrayobj18_ol_array_allocate12_3clocals_3e4implB2v4B42c8tJTIeFIjxB2IKSgI4CrvQClcaMQ5hEEUSJJgA_3dEN29typeref_5b_3cclass_20_27numba4core5types8npytypes14Array_27_3e_5dExj,@object
	.comm	_ZN08NumbaEnv5numba2np8arrayobj18_ol_array_allocate12_3clocals_3e4implB2v4B42c8tJTIeFIjxB2IKSgI4CrvQClcaMQ5hEEUSJJgA_3dEN29typeref_5b_3cclass_20_27numba4core5types8npytypes14Array_27_3e_5dExj,8,8
	.type	.const.pickledata.ba289d81f05c7020f3477c15734804df65abe209.10,@object
	.p2align	4, 0x0
.const.pickledata.ba289d81f05c7020f3477c15734804df65abe209.10:
	.ascii	"\200\004\225K\000\000\000\000\000\000\000\214\bbuiltins\224\214\013MemoryError\224\223\224\214'Allocation failed (probably too large).\224\205\224N\207\224."
	.size	.const.pickledata.ba289d81f05c7020f3477c15734804df65abe209.10, 86

	.type	.const.pickledata.ba289d81f05c7020f3477c15734804df65abe209.sha1.11,@object
	.p2align	4, 0x0
.const.pickledata.ba289d81f05c7020f3477c15734804df65abe209.sha1.11:
	.ascii	"\272(\235\201\360\\p \363G|\025sH\004\337e\253\342\t"
	.size	.const.pickledata.ba289d81f05c7020f3477c15734804df65abe209.sha1.11, 20

	.type	.const.picklebuf.ba289d81f05c7020f3477c15734804df65abe209.9,@object
	.p2align	4, 0x0
.const.picklebuf.ba289d81f05c7020f3477c15734804df65abe209.9:
	.quad	.const.pickledata.ba289d81f05c7020f3477c15734804df65abe209.10
	.long	86
	.zero	4
	.quad	.const.pickledata.ba289d81f05c7020f3477c15734804df65abe209.sha1.11
	.quad	0
	.long	0
	.zero	4
	.size	.const.picklebuf.ba289d81f05c7020f3477c15734804df65abe209.9, 40

	.type	_ZN08NumbaEnv5numba7cpython8builtins6ol_min12_3clocals_3e4implB2v6B112c8tJTIeFIjxB2IKSgI4CrvQClYb5wBbdC9XqiUXJBeo6CurJ_2bXklRYnJJSB2YloeiCoCJqLi_2fGQQM6_2b4Sr1WExjUGIkBagMwMMEsTQA_3dE15StarArgUniTupleIxLi2EE,@object
	.comm	_ZN08NumbaEnv5numba7cpython8builtins6ol_min12_3clocals_3e4implB2v6B112c8tJTIeFIjxB2IKSgI4CrvQClYb5wBbdC9XqiUXJBeo6CurJ_2bXklRYnJJSB2YloeiCoCJqLi_2fGQQM6_2b4Sr1WExjUGIkBagMwMMEsTQA_3dE15StarArgUniTupleIxLi2EE,8,8
	.section	".note.GNU-stack","",@progbits
